// "Did you mean …": the edit distance behind every suggestion, on ASCII names (the fast path) and on other text.
import { expect, test } from 'vitest';
import { closestNames, editDistance } from '../src/util/suggestions.js';

test('a change of case costs half, any other edit one', () => {
    expect(editDistance('Driver3', 'driver3')).toBe(0.5);
    expect(editDistance('Driver3', 'Dirver3')).toBe(2);
    expect(editDistance('Driver3', 'Driver3x')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('Éclair', 'éclair')).toBe(0.5);
    expect(editDistance('Éclair', 'Eclair')).toBe(1);
    expect(editDistance('straße', 'STRASSE')).toBe(4.5);
});

test('past the limit the distance is limit + 1, however far the names are', () => {
    expect(editDistance('Driver3', 'Insight42', 2)).toBe(3);
    expect(editDistance('a', 'bench.unit3.Driver3', 1)).toBe(2);
    expect(editDistance('Driver3', 'Driver4', 1)).toBe(1);
});

test('the closest names, nearest first, matching a qualified name by its last segment', () => {
    const names = ['bench.unit0.Driver3', 'Driver3', 'Driver30', 'Insight3', 'bench.unit0.Release3', 'driver3x'];
    expect(closestNames('Driver3x', names)).toEqual(['driver3x', 'Driver3', 'Driver30']);
    expect(closestNames('Drivr3', ['bench.unit9.Driver3'])).toEqual(['bench.unit9.Driver3']);
    expect(closestNames('Zzz', names)).toEqual([]);
});
