// Native HTML5 drag and drop on the roster calendar: what is being dragged travels as JSON under our own type, so
// that a drop target accepts only a shift or a person from this screen.
import type { DragEvent } from 'react';

export type Dragged = { kind: 'shift'; shiftId: string } | { kind: 'person'; userId: string; as: 'leader' | 'officer' };

const TYPE = 'application/x-gongkai-duty';

export function startDrag(e: DragEvent, what: Dragged): void {
  e.dataTransfer.setData(TYPE, JSON.stringify(what));
  e.dataTransfer.effectAllowed = 'move';
}

/** During dragover only the types are readable: true when it is one of ours. */
export const isOurs = (e: DragEvent): boolean => e.dataTransfer.types.includes(TYPE);

export function dropped(e: DragEvent): Dragged | null {
  try {
    return JSON.parse(e.dataTransfer.getData(TYPE)) as Dragged;
  } catch {
    return null;
  }
}
