// The skeleton of the graph's two HTML pages (the VS Code webview and `pom graph`'s standalone file): UTF-8, the
// page's own Content-Security-Policy, a viewport; the rest of the head and the body are the page's. Text that
// reaches an attribute or the title is escaped here.

export interface HtmlPage {
    /** The Content-Security-Policy, the page's only source of permissions. */
    csp: string;
    /** The page title, plain text. */
    title: string;
    /** Markup for the head after the title (style sheets), already safe. */
    head: string;
    /** Markup for the body, already safe. */
    body: string;
}

/** Plain text for an HTML text or attribute position. */
export function htmlText(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function htmlPage(page: HtmlPage): string {
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${htmlText(page.csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(page.title)}</title>
${page.head}
</head>
<body>
${page.body}
</body>
</html>
`;
}
