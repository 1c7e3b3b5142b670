import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors';
import { OnnxGraph, readOnnxGraph, withExtraOutput } from './onnxGraph';
import { loadOnnxRuntime } from './onnxRuntime';
import { Predictions } from './predict';

export interface OnnxPredictions extends Predictions {
  embeddings: Float32Array;
  description: string;
  /** Which graph value gave the embeddings, and why. */
  embeddingSource: string;
}

/**
 * Run a user's ONNX classifier on every row of X with onnxruntime on the CPU. Its first output
 * gives the logits (or softmax probabilities, when the graph ends in Softmax); the embeddings are
 * the value the user names, else the input of the last Gemm/MatMul (the classifier head).
 */
export async function predictWithOnnx(
  modelPath: string,
  X: Float32Array,
  numFeatures: number,
  numClasses: number,
  embeddingOutput?: string,
): Promise<OnnxPredictions> {
  const ort = loadOnnxRuntime(modelPath);
  const bytes = readModelFile(modelPath);
  let graph: OnnxGraph;
  try {
    graph = readOnnxGraph(bytes);
  } catch (err) {
    throw new InputError(`not an ONNX model: ${err instanceof Error ? err.message : String(err)}`, modelPath);
  }
  const output = graph.outputs[0];
  if (!output) throw new InputError('the ONNX graph has no outputs', modelPath);
  const { name: embeddingName, source } = chooseEmbedding(graph, modelPath, embeddingOutput);
  const model = graph.outputs.includes(embeddingName) ? bytes : withExtraOutput(bytes, embeddingName);
  const session = await createSession(ort, model, modelPath);
  const n = X.length / numFeatures;
  const batchSize = 1024;
  const logits = new Float32Array(n * numClasses);
  let embeddings: Float32Array | undefined;
  let embeddingDim = 0;
  const outputIsProbability = producerOf(graph, output)?.opType === 'Softmax';
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const input = new ort.Tensor('float32', X.slice(start * numFeatures, (start + size) * numFeatures), [size, numFeatures]);
    let result: Awaited<ReturnType<typeof session.run>>;
    try {
      result = await session.run({ [session.inputNames[0]]: input }, [output, embeddingName]);
    } catch (err) {
      throw new InputError(
        `onnxruntime could not run the model on [${size}, ${numFeatures}] float32 inputs (the dataset's rows; export it with a dynamic batch axis): ${err instanceof Error ? err.message : String(err)}`,
        modelPath,
      );
    }
    const out = result[output].data as Float32Array;
    if (out.length !== size * numClasses) {
      throw new InputError(`the model's output "${output}" has ${out.length / size} values per row but the dataset has ${numClasses} classes`, modelPath);
    }
    logits.set(outputIsProbability ? out.map((p) => Math.log(p + 1e-12)) : out, start * numClasses);
    const hidden = result[embeddingName].data as Float32Array;
    if (!embeddings) {
      embeddingDim = hidden.length / size;
      embeddings = new Float32Array(n * embeddingDim);
    }
    embeddings.set(hidden, start * embeddingDim);
  }
  await session.release?.();
  return {
    numSamples: n,
    numClasses,
    logits,
    probs: softmaxRows(logits, numClasses),
    embeddings: embeddings ?? new Float32Array(0),
    embeddingDim,
    description: `loaded ONNX model ${path.basename(modelPath)} (${graph.nodes.length} nodes), run by onnxruntime on the CPU`,
    embeddingSource: source,
  };
}

function readModelFile(modelPath: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(modelPath));
  } catch (err) {
    throw new InputError(`cannot read the model: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, modelPath);
  }
}

function chooseEmbedding(graph: OnnxGraph, modelPath: string, named?: string): { name: string; source: string } {
  if (named) {
    const known = graph.nodes.some((node) => node.outputs.includes(named));
    if (!known) throw new InputError(`--embedding-output "${named}" is not the output of any node in the graph`, modelPath);
    return { name: named, source: `value "${named}" (named by --embedding-output)` };
  }
  const head = [...graph.nodes].reverse().find((node) => node.opType === 'Gemm' || node.opType === 'MatMul');
  if (!head) throw new InputError('the graph has no Gemm/MatMul node to take the embeddings from; name one with --embedding-output', modelPath);
  const name = head.inputs[0];
  if (graph.nodes.every((node) => !node.outputs.includes(name))) {
    throw new InputError(`the last ${head.opType} reads the model's input "${name}" directly: there is no hidden layer to take embeddings from; name one with --embedding-output`, modelPath);
  }
  return { name, source: `value "${name}", the input of the last ${head.opType} node` };
}

function producerOf(graph: OnnxGraph, value: string) {
  return graph.nodes.find((node) => node.outputs.includes(value));
}

async function createSession(ort: ReturnType<typeof loadOnnxRuntime>, model: Uint8Array, modelPath: string) {
  try {
    return await ort.InferenceSession.create(model, { executionProviders: ['cpu'] });
  } catch (err) {
    throw new InputError(`onnxruntime cannot load the model: ${err instanceof Error ? err.message : String(err)}`, modelPath);
  }
}

function softmaxRows(logits: Float32Array, c: number): Float32Array {
  const probs = new Float32Array(logits.length);
  for (let row = 0; row < logits.length; row += c) {
    let max = -Infinity;
    for (let k = 0; k < c; k++) max = Math.max(max, logits[row + k]);
    let sum = 0;
    for (let k = 0; k < c; k++) sum += probs[row + k] = Math.exp(logits[row + k] - max);
    for (let k = 0; k < c; k++) probs[row + k] /= sum;
  }
  return probs;
}
