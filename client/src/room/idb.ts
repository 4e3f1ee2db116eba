/**
 * A thin promise layer over IndexedDB: the three places its event API meets the client's async
 * code. (The `idb` package does more than this needs; these few lines are all it would replace.)
 */

/** Opens (creating or upgrading) a database; `upgrade` runs inside the version change. */
export function openDatabase(
  factory: IDBFactory,
  name: string,
  version: number,
  upgrade: (db: IDBDatabase, oldVersion: number) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, version);
    request.onupgradeneeded = (event) => {
      upgrade(request.result, event.oldVersion);
    };
    request.onsuccess = () => {
      const db = request.result;
      // A newer page in another tab wants to upgrade: let it, rather than block it.
      db.onversionchange = () => {
        db.close();
      };
      resolve(db);
    };
    request.onerror = () => {
      reject(request.error ?? new Error(`cannot open ${name}`));
    };
  });
}

/** Settles when the transaction commits, or rejects when it fails or is aborted. */
export function completion(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    // Listeners, not `on…` properties: several callers may await one transaction.
    transaction.addEventListener('complete', () => {
      resolve();
    });
    transaction.addEventListener('error', () => {
      reject(transaction.error ?? new Error('transaction failed'));
    });
    transaction.addEventListener('abort', () => {
      reject(transaction.error ?? new Error('transaction aborted'));
    });
  });
}

/** The result of a read, once its transaction has committed. */
export async function resultOf<T>(request: IDBRequest<T>, transaction: IDBTransaction): Promise<T> {
  await completion(transaction);
  return request.result;
}
