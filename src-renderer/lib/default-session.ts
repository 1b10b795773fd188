/** "New session": a small experiment that trains visibly in a few seconds (XOR, 2-3-1 to start with). */
export function defaultSession(): object {
  return {
    format: 'nnlab',
    version: 1,
    // no network shape in the title: the student changes the network, and the title would go stale (explore finding 16)
    title: 'New session: XOR',
    experiment: {
      network: {
        inputs: 2,
        layers: [
          { units: 3, activation: 'tanh', bias: true },
          { units: 1, activation: 'sigmoid', bias: true },
        ],
      },
      loss: 'binary_cross_entropy',
      reduction: 'mean',
      // explicit small starting weights so every number on screen can be checked by hand
      init: { kind: 'explicit', weights: [[[0.5, -0.4], [-0.3, 0.8], [0.7, 0.6]], [[0.6, -0.5, 0.4]]], biases: [[0, 0, 0], [0]] },
      data: { kind: 'inline', train: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [[0], [1], [1], [0]] } },
      optimizer: { kind: 'sgd', lr: 0.5 },
      batch_size: 'full',
      shuffle: false,
      epochs: 2000,
      seed: 1,
    },
  };
}
