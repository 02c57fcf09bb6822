// Steps a person takes in the viewer's panel, shared by the cases that take them, and the panel's figure format.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { idle } from '../support/browser.js';

/** A km figure as the panel prints it. */
export const oneDecimal = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

/** Clears the asked route and the expulsion port, as a person would: the panel closes. */
export async function clearAnswer(page: Page): Promise<void> {
  await page.click('#clear-route');
  await page.selectOption('#port-pick', '');
  expect(await page.locator('#panel').isHidden()).toBe(true);
}

/** Plans a trip between two place names with the planner's one button, and waits for its comparison and the map. */
export async function planTrip(page: Page, from: string, to: string): Promise<void> {
  await page.getByLabel('Plan between two places: from').fill(from);
  await page.getByLabel('to', { exact: true }).fill(to);
  await page.click('#plan-go');
  await page.locator('#panel .plan-compare').waitFor();
  await page.locator('#panel .downloads').waitFor();
  await idle(page);
}

/** The panel's comparison row of both paths, figure by figure, against GET /network/route's answer. */
export async function expectPlanComparison(page: Page, answer: { shortest: any; leastExposure: any }): Promise<void> {
  for (const [cls, path] of [['plan-distance', answer.shortest], ['plan-exposure', answer.leastExposure]] as const) {
    const cells = await page.locator(`#panel .plan-compare tr.${cls} td`).allTextContents();
    expect(cells.slice(1, 6)).toEqual([
      oneDecimal(path.lengthKm),
      path.exposure.groups.map((g: any) => g.groupName).join(', ') || 'none',
      oneDecimal(path.exposure.summary.likely.kmInTerritory),
      oneDecimal(path.exposure.summary.possible.kmInTerritory),
      String(path.exposure.summary.checkpointsPassed),
    ]);
  }
}
