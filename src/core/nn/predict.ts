/**
 * Prediction entry point: probabilities for uint8 pixel rows x: [rows, inputs] → [rows, units]
 * (σ(z) of class 1 for a two-class network, softmax over classes otherwise). See evaluate.ts.
 */
export { predictProbabilities, evaluateSplit } from './evaluate'
