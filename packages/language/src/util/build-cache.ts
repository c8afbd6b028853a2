// A cache that empties when the workspace changes and again when a build reaches `phase`, so nothing computed
// from a half-built workspace (say, by a request that arrives mid-build) outlives that build.
import { type DocumentState, type LangiumSharedCoreServices, SimpleCache } from 'langium';

export class BuildCache<K, V> extends SimpleCache<K, V> {
    constructor(shared: LangiumSharedCoreServices, phase: DocumentState) {
        super();
        const builder = shared.workspace.DocumentBuilder;
        this.toDispose.push(
            builder.onUpdate(() => this.clear()),
            builder.onBuildPhase(phase, () => this.clear()),
        );
    }
}
