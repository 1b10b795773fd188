/** A run the notebook export cannot write out, with a message that starts with the JSON path at fault. */
export class NotebookError extends Error {}
