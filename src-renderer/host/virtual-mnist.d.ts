/** The MNIST digit classes as compact text, made by vite-mnist-digits.ts. */
declare module 'virtual:nnlab-mnist/*' {
  const base64: string;
  export default base64;
}
