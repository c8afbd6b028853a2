// Entry point of the bundled language server (dist/server.js): the transport (`--node-ipc` from VS Code, `--stdio`
// for other clients) is picked from the process arguments.
import { startServer } from 'pom-language/server';

startServer();
