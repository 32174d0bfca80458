// View helpers shared by e2e tests that look at the Sourcebook side bar.
import { waitFor, type Workbench } from './workbench';

/** Drags the sash between the side bar and the editor so rows and their descriptions have room. */
export async function widenSideBar(wb: Workbench, width: number): Promise<void> {
  const sidebar = await wb.page.locator('.part.sidebar').boundingBox();
  if (!sidebar) return;
  const edge = sidebar.x + sidebar.width;
  const sashes = await wb.page.locator('.monaco-sash.vertical').evaluateAll((elements) => elements.map((element) => {
    const rect = (element as unknown as { getBoundingClientRect(): { x: number; y: number; width: number; height: number } }).getBoundingClientRect();
    return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2, height: rect.height };
  }));
  const sash = sashes.filter((s) => s.height > 100).sort((a, b) => Math.abs(a.x - edge) - Math.abs(b.x - edge))[0];
  if (!sash || Math.abs(sash.x - edge) > 10) return;
  await wb.page.mouse.move(sash.x, sash.y);
  await wb.page.mouse.down();
  await wb.page.mouse.move(sash.x + 20, sash.y, { steps: 4 });
  await wb.page.mouse.move(sidebar.x + width, sash.y, { steps: 10 });
  await wb.page.mouse.up();
  await waitFor(async () => ((await wb.page.locator('.part.sidebar').boundingBox())?.width ?? 0) > sidebar.width + 100, 'the side bar to widen');
}

/** The views of the Sourcebook container, top to bottom. */
export const SOURCEBOOK_VIEWS = ['Themes', 'Speakers', 'Sources', 'Findings'] as const;

/** Shows one view of the container alone: the others collapsed (each takes room even empty), this one expanded. */
export async function showViewAlone(wb: Workbench, view: (typeof SOURCEBOOK_VIEWS)[number]): Promise<void> {
  for (const other of SOURCEBOOK_VIEWS) {
    if (other === view) continue;
    const header = wb.viewPane(other).locator('> .pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
    await waitFor(async () => (await header.getAttribute('aria-expanded')) === 'false', `view ${other} to collapse`);
  }
  await wb.expandView(view);
}
