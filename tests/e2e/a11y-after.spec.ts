import { expect, test } from './support/fixtures.ts';
import { auditScreen } from './support/a11y.ts';
import {
  endSession,
  followUp,
  followUpPrompt as prompt,
  reflection,
  shareReflection,
} from './support/after.ts';
import { pairedRoom } from './support/room.ts';

/**
 * Issue 15 item 5 after the session, on one pair of phones: the plan, the reflection (shared by
 * one, then both), the follow-up (asked, and the partner's prompt), deleting the room and the
 * notices that follow (deleted, ended). Each screen as in a11y-room.spec.ts.
 */

test.describe.configure({ timeout: 900_000 });

test('every screen after the session, and the notices when the room goes', async ({
  openPhone,
}) => {
  const { a, b, link } = await pairedRoom(openPhone);
  await endSession(a, b);
  await a.page.getByRole('checkbox', { name: 'Water', exact: true }).check();
  await expect(b.page.getByText('1 of 8 done')).toBeVisible();
  await auditScreen(a.page, 'after-plan');

  await shareReflection(a.page, 'Taking our time', 'A glass of water closer by');
  await expect(reflection(b.page)).toContainText('Your partner has shared their reflection');
  await auditScreen(b.page, 'after-reflection-partner-shared', { focus: reflection(b.page) });
  await shareReflection(b.page, 'Checking in often', 'Slower at the start');
  await expect(a.page.getByRole('article', { name: "Your partner's answers" })).toContainText(
    'Checking in often',
  );
  await auditScreen(a.page, 'after-reflection-both', { focus: reflection(a.page) });

  await a.page.getByRole('button', { name: 'Ask how they are' }).click();
  await expect(followUp(a.page)).toContainText('Asked — waiting for an answer');
  await auditScreen(a.page, 'after-follow-up-asked', { focus: followUp(a.page) });
  await expect(prompt(b.page)).toContainText('Your partner asked how you are.');
  await auditScreen(b.page, 'after-follow-up-prompt', { focus: prompt(b.page) });
  await prompt(b.page).getByRole('button', { name: "I'm okay" }).click();
  await expect(followUp(a.page)).toContainText("Your partner: I'm okay");
  await auditScreen(a.page, 'after-follow-up-answered', { focus: followUp(a.page) });

  // Deleting: the confirmation, then the notices on both phones and for a late visitor.
  await a.page.getByRole('button', { name: 'Delete room' }).click();
  const confirm = a.page.getByText('Delete this room for both of you?');
  await expect(confirm).toBeVisible();
  await auditScreen(a.page, 'delete-confirm', { focus: confirm });
  await a.page.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(b.page.getByRole('heading', { name: 'The room was deleted' })).toBeVisible();
  await auditScreen(b.page, 'room-deleted');
  await b.page.reload();
  await expect(b.page.getByRole('heading', { name: 'This room has ended' })).toBeVisible();
  await auditScreen(b.page, 'room-ended');
  expect(new URL(b.page.url()).hash).toBe(new URL(link).hash);
});
