// What changed in the named views between two compiled models: views added and removed, and for a view on both
// sides its title, documentation, selectors and layout, and the elements it draws (renamed elements read through
// their rename, so a rename alone changes no view).
import type { CompiledModel, CompiledView } from '../compile/compiled-model.js';
import { compareStrings } from '../util/compare.js';
import type { ViewChange, ViewsDiff } from './diff-report.js';

export function diffViews(base: CompiledModel, head: CompiledModel, rename: (id: string) => string): ViewsDiff {
    const before = new Map((base.views ?? []).map((v) => [v.id, v]));
    const after = new Map((head.views ?? []).map((v) => [v.id, v]));
    const ref = (v: CompiledView) => ({ id: v.id, title: v.title, source: v.source });
    const added = [...after.values()].filter((v) => !before.has(v.id)).map(ref);
    const removed = [...before.values()].filter((v) => !after.has(v.id)).map(ref);
    const changed: ViewChange[] = [];
    for (const [id, old] of before) {
        const now = after.get(id);
        if (!now) continue;
        const changes: ViewChange['changes'] = [];
        for (const property of ['title', 'doc', 'include', 'exclude', 'layout'] as const) {
            if (JSON.stringify(old[property]) !== JSON.stringify(now[property])) {
                changes.push({ property, before: old[property], after: now[property] });
            }
        }
        const drawnBefore = new Set(old.elements.map(rename));
        const drawnAfter = new Set(now.elements);
        const elementsAdded = now.elements.filter((e) => !drawnBefore.has(e));
        const elementsRemoved = [...drawnBefore].filter((e) => !drawnAfter.has(e)).sort(compareStrings);
        if (changes.length > 0 || elementsAdded.length > 0 || elementsRemoved.length > 0) {
            changed.push({ id, title: now.title, changes, elementsAdded, elementsRemoved, source: now.source });
        }
    }
    const byId = (a: { id: string }, b: { id: string }) => compareStrings(a.id, b.id);
    return { added: added.sort(byId), removed: removed.sort(byId), changed: changed.sort(byId) };
}

export function viewsChanged(views: ViewsDiff): boolean {
    return views.added.length + views.removed.length + views.changed.length > 0;
}
