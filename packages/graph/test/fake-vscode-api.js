// The webview API as the graph script sees it in VS Code, recording every posted message in window.__posted.
// Like the real one, it can be acquired once.
window.__posted = [];
let acquired = false;
window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may be called once');
    acquired = true;
    let state;
    return {
        postMessage: (message) => window.__posted.push(JSON.parse(JSON.stringify(message))),
        getState: () => state,
        setState: (next) => {
            state = next;
        },
    };
};
