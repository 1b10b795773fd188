/**
 * The preload: runs sandboxed in each window's isolated world and exposes
 * `window.nnlab` (preload-api.ts) — nothing else. Its logic is in
 * preload-bridge.ts; this file only hands it Electron's ipcRenderer.
 * Bundled to a single dist-electron/preload.cjs (a sandboxed preload can
 * require nothing but 'electron').
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createNnlabApi, type IpcLike, type PortLike } from './preload-bridge';

const ipc: IpcLike = {
  invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
  send: (channel, ...args) => ipcRenderer.send(channel, ...args),
  on: (channel, listener) => {
    ipcRenderer.on(channel, (event, ...args) => listener({ ports: event.ports as readonly PortLike[] }, ...args));
  },
};

contextBridge.exposeInMainWorld('nnlab', createNnlabApi(ipc));
