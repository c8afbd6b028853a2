// The controls above the graph: the view picker, layout, the four filters, the side-area and context-link switches,
// fit, re-layout and export, the picture's title and a status line. Each control carries a `data-filter`, `data-control` or `data-action` attribute (tests use them).
import { html } from './dom.js';
import { type Filters, NONE } from './filters.js';

export type LayoutName = 'flow' | 'force';
export type Action = 'fit' | 'relayout' | 'export-svg' | 'export-png';

export interface ToolbarEvents {
    view(id: string): void;
    context(shown: boolean): void;
    layout(name: LayoutName): void;
    filters(filters: Filters): void;
    action(name: Action): void;
}

export class Toolbar {
    readonly element: HTMLElement;
    private readonly view: HTMLSelectElement;
    private readonly title: HTMLElement;
    private readonly context: HTMLInputElement;
    private readonly layout: HTMLSelectElement;
    private readonly kind: HTMLSelectElement;
    private readonly horizon: HTMLSelectElement;
    private readonly owner: HTMLSelectElement;
    private readonly text: HTMLInputElement;
    private readonly side: HTMLInputElement;
    private readonly status: HTMLElement;

    constructor(parent: HTMLElement, events: ToolbarEvents) {
        this.element = html('div', { class: 'pom-toolbar', role: 'toolbar', 'aria-label': 'Graph controls' });
        this.view = select('control', 'view', 'View', [['', 'Whole model']]);
        this.title = html('span', { class: 'pom-title', role: 'heading', 'aria-level': '1' });
        this.context = html('input', { type: 'checkbox', 'data-control': 'context' });
        const contextLabel = html('label', { class: 'pom-check', title: 'Show owner, metric, relatesTo and funding links' });
        contextLabel.append(this.context, document.createTextNode(' Context links'));
        this.layout = select('control', 'layout', 'Layout', [
            ['flow', 'Flow × horizon'],
            ['force', 'Force'],
        ]);
        this.text = html('input', {
            type: 'search',
            'data-filter': 'text',
            placeholder: 'Filter by name…',
            'aria-label': 'Filter by name or title',
        });
        this.kind = select('filter', 'kind', 'Kind', [['', 'All kinds']]);
        this.horizon = select('filter', 'horizon', 'Horizon', [
            ['', 'All horizons'],
            ['years', 'Years'],
            ['quarters', 'Quarters'],
            ['months', 'Months'],
            [NONE, 'No horizon'],
        ]);
        this.owner = select('filter', 'owner', 'Owner', [['', 'All owners']]);
        this.side = html('input', { type: 'checkbox', 'data-control': 'side' });
        this.side.checked = true;
        const sideLabel = html('label', { class: 'pom-check' });
        sideLabel.append(this.side, document.createTextNode(' Out of the flow'));
        const buttons = (
            [
                ['fit', 'Fit', 'Fit the graph to the window'],
                ['relayout', 'Re-layout', 'Lay the graph out again'],
                ['export-svg', 'SVG', 'Export the picture as SVG'],
                ['export-png', 'PNG', 'Export the picture as PNG'],
            ] as const
        ).map(([action, label, title]) => {
            const button = html('button', { type: 'button', 'data-action': action, title }, label);
            button.addEventListener('click', () => events.action(action));
            return button;
        });
        this.status = html('span', { class: 'pom-status', role: 'status', 'aria-live': 'polite' });
        this.element.append(
            this.title,
            this.view,
            this.layout,
            this.text,
            this.kind,
            this.horizon,
            this.owner,
            sideLabel,
            contextLabel,
            ...buttons,
            this.status,
        );
        parent.append(this.element);
        this.view.addEventListener('change', () => events.view(this.view.value));
        this.context.addEventListener('change', () => events.context(this.context.checked));

        this.layout.addEventListener('change', () => events.layout(this.layout.value as LayoutName));
        const changed = () => events.filters(this.filters);
        for (const control of [this.kind, this.horizon, this.owner, this.side]) control.addEventListener('change', changed);
        this.text.addEventListener('input', changed);
    }

    get filters(): Filters {
        return {
            kind: this.kind.value,
            horizon: this.horizon.value,
            owner: this.owner.value,
            text: this.text.value,
            side: this.side.checked,
        };
    }

    /** Refills the kind and owner choices for a new model, keeping what is chosen when it still exists. */
    setChoices(kinds: string[], owners: Array<{ id: string; label: string }>): void {
        refill(this.kind, [['', 'All kinds'], ...kinds.map((k): [string, string] => [k, k])]);
        refill(this.owner, [['', 'All owners'], ...owners.map((o): [string, string] => [o.id, o.label]), [NONE, 'No owner']]);
    }

    /** Refills the view picker; hidden when the model offers only the whole model. */
    setViews(choices: Array<{ id: string; label: string }>, current: string): void {
        refill(
            this.view,
            choices.map((c): [string, string] => [c.id, c.label]),
        );
        this.view.value = choices.some((c) => c.id === current) ? current : '';
        this.view.hidden = choices.length < 2;
    }

    setTitle(text: string): void {
        this.title.textContent = text;
    }

    setContext(shown: boolean): void {
        this.context.checked = shown;
    }

    /** Puts filters back (a restored state); choices that no longer exist fall back to "all". */
    setFilters(filters: Filters): void {
        for (const [el, value] of [
            [this.kind, filters.kind],
            [this.horizon, filters.horizon],
            [this.owner, filters.owner],
        ] as const) {
            el.value = value;
            if (el.value !== value) el.value = '';
        }
        this.text.value = filters.text;
        this.side.checked = filters.side;
    }

    setLayout(name: LayoutName): void {
        this.layout.value = name;
    }

    setStatus(text: string): void {
        this.status.textContent = text;
    }
}

function select(kind: 'filter' | 'control', name: string, label: string, choices: Array<[string, string]>): HTMLSelectElement {
    const el = html('select', { [`data-${kind}`]: name, 'aria-label': label });
    refill(el, choices);
    return el;
}

function refill(el: HTMLSelectElement, choices: Array<[string, string]>): void {
    const current = el.value;
    el.replaceChildren(
        ...choices.map(([value, text]) => {
            const option = html('option', {}, text);
            option.value = value;
            return option;
        }),
    );
    el.value = choices.some(([value]) => value === current) ? current : (choices[0]?.[0] ?? '');
}
