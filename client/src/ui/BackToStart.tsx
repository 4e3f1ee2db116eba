/** Leaves the room's link for the start screen; nothing is deleted by going back. */
export function BackToStart({ label, primary = false }: { label: string; primary?: boolean }) {
  return (
    <button
      type="button"
      className={primary ? 'button button--primary' : 'button'}
      onClick={() => {
        window.location.hash = '';
      }}
    >
      {label}
    </button>
  );
}
