import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import type { Phone } from './support/fixtures.ts';
import { expectNoSidewaysScroll, screenshot, startRoom } from './support/room.ts';

/**
 * Two languages (issue 15, item 7): a Spanish phone gets Spanish without asking, the "Language"
 * switch changes every word at once and is remembered, and <html lang> follows. The other specs
 * run in English (the default locale) and find things by their English names.
 */

const SMALL = { width: 320, height: 640 };
const languageSelect = (page: Page) => page.getByRole('combobox', { name: 'Language' });

/** A starts a room and B opens it, all by Spanish names; both see each other present. */
async function pairedSpanishRoom(openPhone: () => Promise<Phone>) {
  const a = await openPhone();
  const b = await openPhone();
  await a.page.goto('/');
  await a.page.getByRole('button', { name: 'Crear una sala' }).click();
  const field = a.page.getByRole('textbox', { name: 'Enlace de invitación' });
  await expect(field).toHaveValue(/\/#[A-Za-z0-9_-]{43}$/);
  await b.page.goto(await field.inputValue());
  for (const phone of [a, b])
    await expect(phone.page.getByText('Tu pareja está aquí')).toBeVisible();
  return { a, b };
}

test.describe('a phone set to Spanish', () => {
  test.use({ contextOptions: { locale: 'es-ES', viewport: SMALL } });

  test('shows the start screen in Spanish, with <html lang="es">', async ({ openPhone }) => {
    const { page } = await openPhone();
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Crear una sala' })).toBeVisible();
    await expect(page.getByText('Un espacio privado para dos.')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('combobox', { name: 'Idioma' })).toHaveValue('');
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'es-home-320');
  });

  test("two phones in Spanish: the partner's Pause shows in Spanish", async ({ openPhone }) => {
    const { a, b } = await pairedSpanishRoom(openPhone);
    const pause = a.page.locator('footer.dock').getByRole('button', { name: 'Pausa', exact: true });
    await expect(a.page.locator('footer.dock').getByRole('button')).toHaveText([
      '¿Todo bien?',
      'Más despacio',
      'Pausa',
    ]);
    await expectNoSidewaysScroll(a.page);
    await screenshot(a.page, 'es-room-320');
    await pause.click();
    const alert = b.page.getByRole('alert');
    await expect(alert).toContainText('Pausa');
    await expect(alert).toContainText('Tu pareja ha pedido una pausa.');
    await expectNoSidewaysScroll(b.page);
    await screenshot(b.page, 'es-alert-320');
    await alert.getByRole('button', { name: 'Entendido' }).click();
    await expect(alert).toBeHidden();
    await expect(a.page.getByTestId('signal-status')).toHaveText('Vista');
    await expect(a.page.getByText('Tu señal: Pausa')).toBeVisible();
  });
});

test.describe('the Language switch', () => {
  test('changes the words at once, survives a reload, and can match the phone again', async ({
    openPhone,
  }) => {
    const { page } = await openPhone();
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(languageSelect(page).getByRole('option')).toHaveText([
      'Match this phone',
      'English',
      'Español',
    ]);

    await languageSelect(page).selectOption({ label: 'Español' });
    await expect(page.getByRole('button', { name: 'Crear una sala' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');

    await page.reload();
    await expect(page.getByRole('button', { name: 'Crear una sala' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    const idioma = page.getByRole('combobox', { name: 'Idioma' });
    await expect(idioma).toHaveValue('es');

    await idioma.selectOption({ label: 'El del teléfono' });
    await expect(page.getByRole('button', { name: 'Start a room' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.reload();
    await expect(page.getByRole('button', { name: 'Start a room' })).toBeVisible();
  });

  test('in a room, turns the signals and the partner screen Spanish at once', async ({
    openPhone,
  }) => {
    const a = await openPhone();
    await startRoom(a);
    await languageSelect(a.page).selectOption('es');
    await expect(a.page.getByRole('heading', { name: 'Invita a tu pareja' })).toBeVisible();
    await expect(
      a.page.locator('footer.dock').getByRole('button', { name: 'Pausa', exact: true }),
    ).toBeVisible();
    await expect(a.page.getByText('Tu pareja aún no ha entrado')).toBeVisible();
    await a.page.reload();
    await expect(a.page.getByRole('heading', { name: 'Invita a tu pareja' })).toBeVisible();
  });
});
