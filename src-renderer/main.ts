/** Start-up: choose the hosts (Electron or browser), create the app state, mount the UI. */
import { mount } from 'svelte';
import App from './App.svelte';
import { createHosts } from './host';
import { AppState } from './lib/app.svelte';
import './styles.css';
import iconUrl from '../assets/icons/icon.svg?url';

// The app icon as the favicon (index.html names none: without it the browser asks for /favicon.ico and logs a 404).
// Added before the page's load event, which is when Chromium looks for one.
const icon = Object.assign(document.createElement('link'), { rel: 'icon', type: 'image/svg+xml', href: iconUrl });
document.head.append(icon);

const hosts = createHosts();
const app = new AppState(hosts);
mount(App, { target: document.getElementById('app')!, props: { app } });

// What the window opens with: a file it was started with (double-click on a .nnlab), an example, or work recovered after a crash.
void hosts.shell.initialDocument().then((doc) => app.openInitial(doc));

// for the e2e tests and curious students: the state, read-only by convention
(window as unknown as { nnlabApp: AppState }).nnlabApp = app;
