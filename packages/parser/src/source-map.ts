/**
 * Maps from the text of a logical line back to the file it came from.
 *
 * After `$NAME` substitution or `~SEQ` expansion, the text keepalived splits into words is not the
 * text of the file. Each logical line carries a map so that every word still points at the place a
 * user can find and edit: its own text where it was copied, the reference where it was substituted.
 */
import type { Expansion, Position, Range } from './ast.js';

/** Where a piece of a logical line comes from. */
export interface Origin {
  file: string;
  range: Range;
  expansion?: Expansion;
}

/** Maps offsets of a logical line's text to origins. */
export interface SourceMap {
  map(start: number, end: number): Origin;
}

/** The text is a verbatim run of one physical line starting at `start`. */
export class LineMap implements SourceMap {
  constructor(
    private readonly file: string,
    private readonly start: Position,
  ) {}

  map(start: number, end: number): Origin {
    return { file: this.file, range: { start: this.at(start), end: this.at(end) } };
  }

  private at(delta: number): Position {
    return { offset: this.start.offset + delta, line: this.start.line, character: this.start.character + delta };
  }
}

/** Every offset maps to one range, e.g. the `$NAME` reference that produced a definition's text. */
export class FixedMap implements SourceMap {
  constructor(private readonly origin: Origin) {}

  map(): Origin {
    return this.origin;
  }
}

/** The text is the inner text with its first `delta` characters removed. */
export class ShiftedMap implements SourceMap {
  constructor(
    private readonly inner: SourceMap,
    private readonly delta: number,
  ) {}

  map(start: number, end: number): Origin {
    return this.inner.map(start + this.delta, end + this.delta);
  }
}

/** Tags everything the inner map returns as produced by an expansion. */
export class ExpandedMap implements SourceMap {
  constructor(
    private readonly inner: SourceMap,
    private readonly expansion: Expansion,
  ) {}

  map(start: number, end: number): Origin {
    return { ...this.inner.map(start, end), expansion: this.expansion };
  }
}

/** One piece of a rewritten text: copied from the input (`copy`) or put in place of `in` range. */
export interface Segment {
  outStart: number;
  outEnd: number;
  inStart: number;
  inEnd: number;
  copy: boolean;
}

/** The text was rebuilt from pieces of an input text (parameter substitution). */
export class SegmentMap implements SourceMap {
  constructor(
    private readonly inner: SourceMap,
    private readonly segments: readonly Segment[],
  ) {}

  map(start: number, end: number): Origin {
    const first = this.find(start);
    const last = this.find(Math.max(start, end - 1));
    const from = this.inner.map(this.inOffset(first, start), this.inOffset(first, start));
    const to = this.inner.map(this.inOffset(last, end, true), this.inOffset(last, end, true));
    const substituted = this.segments.some((s) => !s.copy && s.outStart < end && s.outEnd > start);
    const origin: Origin = { file: from.file, range: { start: from.range.start, end: to.range.end } };
    if (from.file !== to.file) origin.range = from.range;
    const expansion = substituted ? 'substitution' : from.expansion;
    if (expansion !== undefined) origin.expansion = expansion;
    return origin;
  }

  private find(offset: number): Segment {
    for (const segment of this.segments) if (offset < segment.outEnd) return segment;
    return this.segments[this.segments.length - 1]!;
  }

  private inOffset(segment: Segment, offset: number, isEnd = false): number {
    if (!segment.copy) return isEnd ? segment.inEnd : segment.inStart;
    return segment.inStart + Math.min(offset, segment.outEnd) - segment.outStart;
  }
}
