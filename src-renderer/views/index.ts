/**
 * The views of the workspace, by region. Adding a view:
 *   1. create src-renderer/views/<name>/<Name>View.svelte taking `{ app }: ViewProps`
 *      (read app.snapshot, app.history + app.historyVersion, app.experiment;
 *      act through app.step(), app.editParam(), app.editExperiment() ...);
 *   2. replace its placeholder entry below (or add an entry) — one line.
 * Regions: 'main' (the big area: the network), 'detail' (right column: the
 * math of the selected parameter), 'bottom' (plots under the main area).
 * `app.selected` is the parameter the user picked (any view may set it).
 */
import type { Component } from 'svelte';
import type { AppState } from '../lib/app.svelte';
import Placeholder from './Placeholder.svelte';

export interface ViewProps {
  app: AppState;
}

export type Region = 'main' | 'detail' | 'bottom';

export interface ViewSpec {
  id: string;
  title: string;
  region: Region;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each view has its own extra props
  component: Component<ViewProps & any>;
  /** extra props for the component, beyond { app } */
  props?: Record<string, unknown>;
}

const placeholder = (what: string) => ({ component: Placeholder, props: { what } });

export const views: ViewSpec[] = [
  { id: 'network', title: 'Network', region: 'main', ...placeholder('the network: layers, units, weights, values') },
  { id: 'math', title: 'Math', region: 'detail', ...placeholder('the chain rule of the selected weight, with numbers') },
  { id: 'plots', title: 'Loss', region: 'bottom', ...placeholder('loss per epoch, weight trajectories') },
];
