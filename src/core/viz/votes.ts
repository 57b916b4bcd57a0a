/**
 * A hidden unit's vote for a class: the weight from the unit into the output, W2: [outputs, hidden].
 * A positive vote means "when this unit fires, that class becomes more likely".
 *   one output (sigmoid, two classes): vote(u, class 1) = W2[0, u],  vote(u, class 0) = −W2[0, u]
 *   softmax (C outputs, C classes):    vote(u, c)       = W2[c, u]
 * Sorting by vote puts the units that speak most for a class first and those that speak most
 * against it last.
 */

/** The output layer's shape as votes need it: W2 [outputs, hidden] row-major. */
export interface OutputWeights {
  readonly rows: number
  readonly cols: number
  readonly W: Float32Array
}

/** How many classes the output layer's votes are for: 2 for one sigmoid output, else its rows. */
export function votedClasses(out: OutputWeights): number {
  return out.rows === 1 ? 2 : out.rows
}

/** Every hidden unit's vote for class `cls`: [hidden]. */
export function unitVotes(out: OutputWeights, cls: number): Float32Array {
  if (out.W.length !== out.rows * out.cols) throw new RangeError(`output weights of length ${out.W.length} are not [${out.rows}, ${out.cols}]`)
  if (!Number.isInteger(cls) || cls < 0 || cls >= votedClasses(out)) throw new RangeError(`class ${cls} is outside 0..${votedClasses(out) - 1}`)
  const votes = new Float32Array(out.cols)
  if (out.rows === 1) {
    const sign = cls === 1 ? 1 : -1
    for (let u = 0; u < out.cols; u++) votes[u] = sign * out.W[u]
  } else {
    votes.set(out.W.subarray(cls * out.cols, (cls + 1) * out.cols))
  }
  return votes
}

/** Unit u's vote for each class: [classes]. */
export function votesOfUnit(out: OutputWeights, unit: number): Float32Array {
  if (!Number.isInteger(unit) || unit < 0 || unit >= out.cols) throw new RangeError(`unit ${unit} is outside 0..${out.cols - 1}`)
  const classes = votedClasses(out)
  const votes = new Float32Array(classes)
  if (out.rows === 1) {
    votes[0] = -out.W[unit]
    votes[1] = out.W[unit]
  } else {
    for (let c = 0; c < classes; c++) votes[c] = out.W[c * out.cols + unit]
  }
  return votes
}

/** Unit numbers from the strongest vote for to the strongest against; ties and NaN keep unit order, NaN last. */
export function voteOrder(votes: Float32Array): number[] {
  const units = Array.from({ length: votes.length }, (_, u) => u)
  const key = (u: number): number => (Number.isNaN(votes[u]) ? -Infinity : votes[u])
  return units.sort((a, b) => key(b) - key(a) || (Number.isNaN(votes[a]) ? 1 : 0) - (Number.isNaN(votes[b]) ? 1 : 0) || a - b)
}
