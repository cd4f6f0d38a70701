// Status tag: a short coloured label (text always present, colour only reinforces it).
import type { ComponentChildren } from 'preact';

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export function StatusTag({ tone = 'neutral', children }: { tone?: Tone; children: ComponentChildren }) {
  return <strong class={`status-tag tone-${tone}`}>{children}</strong>;
}
