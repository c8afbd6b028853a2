// Makes `pom.trace.server` the one switch for protocol tracing. vscode-languageclient 11 traces only while its
// trace channel's log level is Trace (set by hand with "Developer: Set Log Level…") and then reads the setting
// just for the verbosity; this channel reports the level from the setting instead and writes the trace into the
// "POM" output channel.
import * as vscode from 'vscode';

export class SettingTraceChannel implements vscode.LogOutputChannel {
    private readonly levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
    private readonly configurationListener: vscode.Disposable;
    readonly onDidChangeLogLevel = this.levelChanged.event;

    /** `setting` is the full name of an `off | messages | verbose` setting, e.g. `pom.trace.server`. */
    constructor(
        private readonly output: vscode.LogOutputChannel,
        private readonly setting: string,
    ) {
        this.configurationListener = vscode.workspace.onDidChangeConfiguration((event) => {
            if (event.affectsConfiguration(setting)) this.levelChanged.fire(this.logLevel);
        });
    }

    get name(): string {
        return this.output.name;
    }

    get logLevel(): vscode.LogLevel {
        return vscode.workspace.getConfiguration().get<string>(this.setting, 'off') === 'off' ? vscode.LogLevel.Off : vscode.LogLevel.Trace;
    }

    trace(message: string, ...args: unknown[]): void {
        if (this.logLevel === vscode.LogLevel.Trace) this.output.info(message, ...args);
    }

    debug(message: string, ...args: unknown[]): void {
        this.output.debug(message, ...args);
    }

    info(message: string, ...args: unknown[]): void {
        this.output.info(message, ...args);
    }

    warn(message: string, ...args: unknown[]): void {
        this.output.warn(message, ...args);
    }

    error(error: string | Error, ...args: unknown[]): void {
        this.output.error(error, ...args);
    }

    append(value: string): void {
        this.output.append(value);
    }

    appendLine(value: string): void {
        this.output.appendLine(value);
    }

    replace(value: string): void {
        this.output.replace(value);
    }

    clear(): void {
        this.output.clear();
    }

    show(preserveFocus?: boolean): void;
    show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
    show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
        if (typeof columnOrPreserveFocus === 'number') this.output.show(columnOrPreserveFocus, preserveFocus);
        else this.output.show(columnOrPreserveFocus);
    }

    hide(): void {
        this.output.hide();
    }

    /** Stops listening; the output channel it writes to belongs to the caller. */
    dispose(): void {
        this.configurationListener.dispose();
        this.levelChanged.dispose();
    }
}
