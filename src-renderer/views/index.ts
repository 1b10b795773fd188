/**
 * The views of the workspace, by region. Adding a view:
 *   1. create src-renderer/views/<name>/<Name>View.svelte taking `{ app }: ViewProps`
 *      (read app.snapshot, app.history + app.historyVersion, app.experiment;
 *      act through app.step(), app.editParam(), app.editExperiment() ...);
 *   2. replace its placeholder entry below (or add an entry) — one line.
 * Regions: 'main' (the big area: the network), 'detail' (right column: the
 * math of the selected parameter), 'bottom' (plots under the main area),
 * 'top' (above the main area, under the title: the notes).
 * `app.selected` is the parameter the user picked (any view may set it).
 */
import type { Component } from 'svelte';
import type { AppState } from '../lib/app.svelte';
import Placeholder from './Placeholder.svelte';
import NetworkView from './network/NetworkView.svelte';
import MathView from './math/MathView.svelte';
import PlotsView from './plots/PlotsView.svelte';
import SweepView from './sweep/SweepView.svelte';
import CompareView from './compare/CompareView.svelte';
import DigitsView from './digits/DigitsView.svelte';
import HomeworkView from './homework/HomeworkView.svelte';
import StabilityView from './stability/StabilityView.svelte';
import RunsView from './runs/RunsView.svelte';
import NotesView from './notes/NotesView.svelte';

export interface ViewProps {
  app: AppState;
}

export type Region = 'main' | 'detail' | 'bottom' | 'top';

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
  { id: 'notes', title: 'Notes', region: 'top', component: NotesView },
  { id: 'network', title: 'Network', region: 'main', component: NetworkView },
  { id: 'homework', title: 'Homework', region: 'detail', component: HomeworkView },
  { id: 'runs', title: 'Runs', region: 'main', component: RunsView },
  { id: 'math', title: 'Math', region: 'detail', component: MathView },
  { id: 'plots', title: 'Plots', region: 'bottom', component: PlotsView },
  { id: 'sweep', title: 'Sweep', region: 'main', component: SweepView },
  { id: 'compare', title: 'Compare', region: 'main', component: CompareView },
  { id: 'digits', title: 'Misclassified digits', region: 'main', component: DigitsView },
  { id: 'stability', title: 'Stability', region: 'main', component: StabilityView },
];
