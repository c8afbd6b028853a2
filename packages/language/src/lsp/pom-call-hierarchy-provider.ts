// Lineage navigation through the standard call hierarchy: incoming calls are an element's direct upstream,
// outgoing calls its direct downstream, across files. Items carry the element's id so the hierarchy can be
// walked without re-resolving positions.
import { AstUtils, GrammarUtils, type LangiumDocument, type References } from 'langium';
import type { CallHierarchyProvider } from 'langium/lsp';
import {
    type CallHierarchyIncomingCall,
    type CallHierarchyIncomingCallsParams,
    type CallHierarchyItem,
    type CallHierarchyOutgoingCall,
    type CallHierarchyOutgoingCallsParams,
    type CallHierarchyPrepareParams,
    type Range,
    SymbolKind,
} from 'vscode-languageserver-protocol';
import type { Element } from '../generated/ast.js';
import { flowSource, flowTarget, type LineageLink } from '../lineage/lineage-graph.js';
import type { LineageIndex } from '../lineage/lineage-index.js';
import { qualifiedName } from '../model/qualified-names.js';
import type { PomServices } from '../pom-module.js';
import { elementAt } from './element-at.js';

interface ItemData {
    id: string;
}

export class PomCallHierarchyProvider implements CallHierarchyProvider {
    private readonly lineage: LineageIndex;
    private readonly references: References;

    constructor(services: PomServices) {
        this.lineage = services.pom.LineageIndex;
        this.references = services.references.References;
    }

    prepareCallHierarchy(document: LangiumDocument, params: CallHierarchyPrepareParams): CallHierarchyItem[] | undefined {
        const element = elementAt(document, params.position, this.references);
        return element ? [toItem(element)] : undefined;
    }

    incomingCalls(params: CallHierarchyIncomingCallsParams): CallHierarchyIncomingCall[] | undefined {
        return this.neighbours(params.item, 'up')?.map(([from, fromRanges]) => ({ from: toItem(from), fromRanges }));
    }

    outgoingCalls(params: CallHierarchyOutgoingCallsParams): CallHierarchyOutgoingCall[] | undefined {
        return this.neighbours(params.item, 'down')?.map(([to, fromRanges]) => ({ to: toItem(to), fromRanges }));
    }

    /** The item's direct upstream or downstream (learning loops included), each with where the links show in the caller. */
    private neighbours(item: CallHierarchyItem, direction: 'up' | 'down'): Array<[Element, Range[]]> | undefined {
        const element = this.find(item);
        if (!element) return undefined;
        const graph = this.lineage.graph();
        const links =
            direction === 'up' ? graph.upstreamLinks(element, { feedback: true }) : graph.downstreamLinks(element, { feedback: true });
        return group(links, direction === 'up' ? flowSource : flowTarget).map(([other, grouped]) => {
            // An incoming call is written in the caller (upstream); an outgoing one in this element.
            const caller = direction === 'up' ? other : element;
            return [other, grouped.map((l) => rangeIn(caller, l))];
        });
    }

    private find(item: CallHierarchyItem): Element | undefined {
        const id = (item.data as ItemData | undefined)?.id ?? item.name;
        return (
            this.lineage
                .graph()
                .find(id)
                .find((e) => AstUtils.getDocument(e).uri.toString() === item.uri) ?? this.lineage.graph().find(id)[0]
        );
    }
}

export function toItem(element: Element): CallHierarchyItem {
    const document = AstUtils.getDocument(element);
    const range = element.$cstNode?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const id = qualifiedName(element);
    return {
        name: element.name,
        kind: SymbolKind.Class,
        detail: `${element.kind.$refText}${element.title ? ` · ${element.title}` : ''}`,
        uri: document.uri.toString(),
        range,
        selectionRange: nameRange(element) ?? range,
        data: { id } satisfies ItemData,
    };
}

function nameRange(element: Element): Range | undefined {
    return element.$cstNode ? GrammarUtils.findNodeForProperty(element.$cstNode, 'name')?.range : undefined;
}

/** Where a link shows in `holder`'s text: the reference when `holder` wrote it, else `holder`'s name. */
function rangeIn(holder: Element, link: LineageLink): Range {
    if (link.source === holder && link.value?.$cstNode) return link.value.$cstNode.range;
    return nameRange(holder) ?? (holder.$cstNode as NonNullable<Element['$cstNode']>).range;
}

function group(links: LineageLink[], end: (l: LineageLink) => Element): Array<[Element, LineageLink[]]> {
    const groups = new Map<Element, LineageLink[]>();
    for (const link of links) {
        const e = end(link);
        groups.set(e, [...(groups.get(e) ?? []), link]);
    }
    return [...groups.entries()];
}
