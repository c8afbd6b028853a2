// A literal or reference written in a model, as the typed JSON value the compiled model and hover show.
import { isElement, isEnumLiteral, type MetaValue, type Value } from '../generated/ast.js';
import { qualifiedName } from '../model/qualified-names.js';
import { parseDate, parseDuration, parsePercent, parsePoints } from '../model/values.js';
import type { TypedValue } from './compiled-model.js';

/** A literal or reference as a typed JSON value. */
export function typed(value: Value | MetaValue): TypedValue {
    switch (value.$type) {
        case 'StringValue':
            return { type: 'string', value: value.value };
        case 'NumberValue':
            return { type: 'number', value: value.value };
        case 'PercentValue':
            return { type: 'percent', value: parsePercent(value.value) };
        case 'PointsValue':
            return { type: 'points', value: parsePoints(value.value) };
        case 'DateValue':
            return { type: 'date', value: parseDate(value.value) ?? value.value };
        case 'QuarterValue':
            return { type: 'quarter', value: value.value };
        case 'DurationValue': {
            const d = parseDuration(value.value);
            return {
                type: 'duration',
                value: value.value.replace(/\s+/g, ' '),
                amount: d?.amount ?? 0,
                unit: d?.unit ?? '',
                days: d?.days ?? 0,
            };
        }
        case 'SymbolValue':
            return { type: 'symbol', value: value.symbol };
        case 'RefValue': {
            const target = value.target.ref;
            if (isEnumLiteral(target)) return { type: 'enum', value: target.name };
            if (isElement(target)) return { type: 'reference', value: qualifiedName(target) };
            return { type: 'reference', value: value.target.$refText };
        }
    }
}
