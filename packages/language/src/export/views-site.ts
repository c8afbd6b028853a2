// The static site of `pom graph --all-views -o DIR`: a file name per view and the index page that links them. The
// index is self-contained like the graph pages: its one style sheet is let in by hash, nothing else loads, and
// every piece of model text is escaped. The hash function is passed in, so this stays free of Node.
import type { CompiledView } from '../compile/compiled-model.js';
import { htmlPage, htmlText } from './html-page.js';

export interface SitePage {
    view: CompiledView;
    /** The page's file name, relative to the index. */
    file: string;
}

export interface SiteIndex {
    /** The model's name, plain text. */
    title: string;
    pages: SitePage[];
    sha256: (text: string) => string;
}

/**
 * One file name per view, `acme.views.GrowthStory.html`: the id with anything but letters, digits, `_`, `-` and
 * `.` replaced, and a number added where two views would share a name.
 */
export function viewFileNames(views: readonly CompiledView[], extension: string): string[] {
    const used = new Set<string>();
    return views.map((view) => {
        const base = view.id.replace(/[^\w.-]/g, '_').replace(/^\.+/, '_') || 'view';
        let file = `${base}.${extension}`;
        for (let n = 2; used.has(file.toLowerCase()); n++) file = `${base}-${n}.${extension}`;
        used.add(file.toLowerCase());
        return file;
    });
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:52rem;padding:0 1rem;color:#1f2328;background:#fff}
h1{font-size:1.5rem}ul{list-style:none;padding:0}li{margin:0 0 1.25rem}a{font-size:1.1rem;font-weight:600;color:#0969da}
p{margin:.25rem 0}.meta{color:#57606a;font-size:.9rem}code{font-size:.85rem}
@media (prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}a{color:#4493f8}.meta{color:#8d96a0}}`;

export function viewsIndexHtml(site: SiteIndex): string {
    const csp = ["default-src 'none'", `style-src 'sha256-${site.sha256(STYLE)}'`].join('; ');
    const items = site.pages.map(({ view, file }) => {
        const count = view.elements.length;
        const selectors = [
            ...view.include.map((s) => `<code>${htmlText(s)}</code>`),
            ...view.exclude.map((s) => `not <code>${htmlText(s)}</code>`),
        ];
        return [
            `<li><a href="${htmlText(file)}">${htmlText(view.title ?? view.name)}</a>`,
            view.doc ? `<p>${htmlText(view.doc)}</p>` : '',
            `<p class="meta">${htmlText(view.name)} · ${count} element${count === 1 ? '' : 's'} · ${
                selectors.length > 0 ? selectors.join(', ') : 'every element'
            }</p></li>`,
        ].join('');
    });
    return htmlPage({
        csp,
        title: site.title,
        head: `<style>${STYLE}</style>`,
        body: `<h1>${htmlText(site.title)}</h1>\n<ul>\n${items.join('\n')}\n</ul>`,
    });
}
