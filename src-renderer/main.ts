/** Start-up: choose the hosts (Electron or browser), create the app state, mount the UI. */
import { mount } from 'svelte';
import App from './App.svelte';
import { createHosts } from './host';
import { AppState } from './lib/app.svelte';
import './styles.css';

const hosts = createHosts();
const app = new AppState(hosts);
mount(App, { target: document.getElementById('app')!, props: { app } });

// A file the desktop app was started with (double-click on a .nnlab).
void hosts.files.initialFile().then((file) => file && app.openText(file.name, file.text, { path: file.path }));

// for the e2e tests and curious students: the state, read-only by convention
(window as unknown as { nnlabApp: AppState }).nnlabApp = app;
