import { translationsLoading } from '@nanostores/i18n';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../../client/src/i18n/i18n.ts';
import { chooseLanguage, locale } from '../../../../client/src/i18n/locale.ts';
import { calendarFile } from '../../../../client/src/ui/after/calendar-file.ts';
import { aftercareTimer, planText } from '../../../../client/src/ui/text/after.ts';
import { wishesText } from '../../../../client/src/ui/text/before.ts';
import { signalText, text } from '../../../../client/src/ui/text.ts';

/**
 * Words read outside React (`.get()`, as the calendar file and the plan's item labels do) follow
 * the chosen language once its catalogue has come; English needs no fetch. Node has no
 * localStorage, so the choice is kept by the memory stand-in (room/storage.ts).
 */
describe('choosing a language', () => {
  afterEach(() => {
    chooseLanguage(undefined);
  });

  it('starts in English where the phone lists no language', () => {
    expect(locale.get()).toBe('en');
    expect(signalText.get().pause).toBe('Pause');
  });

  it('fetches Spanish and shows it everywhere words are read', async () => {
    const unbind = signalText.listen(() => undefined);
    chooseLanguage('es');
    expect(locale.get()).toBe('es');
    await translationsLoading(i18n);
    expect(signalText.get()).toEqual({
      pause: 'Pausa',
      slow_down: 'Más despacio',
      check_in: '¿Todo bien?',
    });
    expect(text.get().yourSignal({ signal: 'Pausa' })).toBe('Tu señal: Pausa');
    expect(text.get().moreWaiting(2)).toBe('2 más de tu pareja');
    expect(wishesText.get().summary(1)).toBe('1 cosa elegida');
    expect(wishesText.get().summary(3)).toBe('3 cosas elegidas');
    expect(aftercareTimer(planText.get(), 135)).toBe('Cuidados: 2 h 15 min');
    const file = calendarFile({ startAt: 0, madeAt: 0, uid: 'a'.repeat(32) });
    expect(file).toContain('SUMMARY:¿Todo bien?\r\n');
    unbind();
  });

  it('goes back to English when the phone is matched again', async () => {
    chooseLanguage('es');
    await translationsLoading(i18n);
    chooseLanguage(undefined);
    expect(locale.get()).toBe('en');
    expect(signalText.get().slow_down).toBe('Slow down');
  });
});
