import { expect, test, type Page } from '@playwright/test';
import { TYPING, signIn } from '../helpers.js';
import { snap, watch } from '../push/person.js';

/**
 * Technical codes never reach a person (issue 9, A14): the rule editor names an action's fields
 * by their label in the reader's language (the audit log in words has its own spec).
 */
const LAPTOP = { width: 1366, height: 768 };

async function visibleText(page: Page) {
  return page.locator('main').innerText();
}

test.describe('labels instead of codes', () => {
  test("the rule editor names an action's fields by their label", async ({ page }) => {
    await page.setViewportSize(LAPTOP);
    await signIn(page, 'expert@relais.demo');
    const problems = watch(page);
    await page.goto('/push-rules/new');
    await page.getByRole('button', { name: 'Ajouter une condition' }).click();
    const field = page.getByRole('combobox', { name: 'Champ' }).first();
    await field.click();
    await field.press('ControlOrMeta+a');
    await field.pressSequentially('segment', TYPING);
    await page.getByRole('option', { name: 'Segment du compte' }).click();
    await expect(field).toHaveValue('Segment du compte');
    const text = await visibleText(page);
    expect(text).not.toContain('accountSegment');
    await snap(page, 'labels-rule-fields-fr-1366');
    expect(problems).toEqual([]);
  });
});
