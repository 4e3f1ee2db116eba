import { describe, expect, it } from 'vitest';
import {
  readSoundOn,
  rememberSoundOn,
  SOUND_KEY,
} from '../../../../client/src/ui/sound/sound-setting.ts';
import { FullStorage, MemoryStorage } from '../../../support/memory-storage.ts';

describe('the remembered "Sound" choice', () => {
  it('is off until the person turns it on', () => {
    expect(readSoundOn(new MemoryStorage())).toBe(false);
  });

  it('lives under tandem.sound', () => {
    expect(SOUND_KEY).toBe('tandem.sound');
  });

  it.each([true, false])('keeps %s under one key and reads it back', (on) => {
    const storage = new MemoryStorage();
    rememberSoundOn(storage, on);
    expect([...storage.items.keys()]).toEqual([SOUND_KEY]);
    expect(readSoundOn(storage)).toBe(on);
  });

  it.each([
    ['not JSON', '{on'],
    ['a string', '"true"'],
    ['a number', '1'],
    ['null', 'null'],
  ])('reads %s as off', (_name, raw) => {
    const storage = new MemoryStorage();
    storage.setItem(SOUND_KEY, raw);
    expect(readSoundOn(storage)).toBe(false);
  });

  it('a storage that refuses writes leaves it off, without throwing', () => {
    const storage = new FullStorage();
    expect(() => {
      rememberSoundOn(storage, true);
    }).not.toThrow();
    expect(readSoundOn(storage)).toBe(false);
  });
});
