// The webview API as the graph script sees it in VS Code, recording every posted message in window.__posted.
// Like the real one, it can be acquired once, and its state outlives a reload of the page (VS Code keeps it for
// the webview; here the tab's sessionStorage does).
window.__posted = [];
let acquired = false;
window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may be called once');
    acquired = true;
    const saved = sessionStorage.getItem('pom-webview-state');
    let state = saved === null ? undefined : JSON.parse(saved);
    return {
        postMessage: (message) => window.__posted.push(JSON.parse(JSON.stringify(message))),
        getState: () => state,
        setState: (next) => {
            state = JSON.parse(JSON.stringify(next));
            sessionStorage.setItem('pom-webview-state', JSON.stringify(state));
        },
    };
};
