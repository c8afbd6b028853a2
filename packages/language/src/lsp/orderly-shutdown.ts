// `shutdown` is answered only once everything the client asked before it has been answered. An editor sends `exit`
// as soon as `shutdown` is answered; requests still waiting for a build then died with the connection, and the editor
// logged them as failed ("Channel has been closed"). So the answer waits for the running build to complete, and
// then for every request that was reading the workspace: a write to the workspace lock starts only once no read
// is running.
import { DocumentState } from 'langium';
import type { PomServices } from '../pom-module.js';

export function shutDownInOrder(services: PomServices): void {
    const shared = services.shared;
    const connection = shared.lsp.Connection;
    if (!connection) return;
    connection.onShutdown(async () => {
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated);
        await shared.workspace.WorkspaceLock.write(() => undefined);
        // The answers of the reads that just ended are sent when their handlers resume: let them go first.
        await new Promise((resolve) => setImmediate(resolve));
    });
}
