import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL, fileURLToPath } from 'node:url';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
const humanDir = path.dirname(path.dirname(require.resolve('@vladmandic/human')));
const HumanModule = require(path.join(humanDir, 'dist/human.node-wasm.js'));
const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + '/dist/';
console.log(Object.keys(HumanModule));
const Human = (HumanModule as any).Human ?? (HumanModule as any).default;
const t0 = performance.now();
const human = new Human({
  backend: 'wasm', wasmPath: wasmDir, modelBasePath: pathToFileURL(path.join(humanDir, 'models') + '/').href,
  debug: false, warmup: 'none', cacheModels: false, filter: { enabled: false },
  gesture: { enabled: false }, body: { enabled: false }, hand: { enabled: false }, object: { enabled: false }, segmentation: { enabled: false },
  face: { enabled: true, detector: { maxDetected: 20, rotation: false, minConfidence: 0.5 }, mesh: { enabled: true }, iris: { enabled: true }, emotion: { enabled: true }, description: { enabled: false }, antispoof: { enabled: false }, liveness: { enabled: false } },
});
const tf = human.tf;
tf.io.registerLoadRouter((url: unknown) => {
  if (typeof url !== 'string' || !url.startsWith('file://')) return null;
  const file = fileURLToPath(url);
  return {
    load: async () => {
      const json = JSON.parse(await readFile(file, 'utf8'));
      const dir = path.dirname(file);
      const buffers = [];
      for (const group of json.weightsManifest) for (const p of group.paths) buffers.push(await readFile(path.join(dir, p)));
      const all = Buffer.concat(buffers);
      return { modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g: any) => g.weights), weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength), format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy, signature: json.signature, userDefinedMetadata: json.userDefinedMetadata, modelInitializer: json.modelInitializer };
    },
  };
});
await human.load();
console.log('load ms', performance.now() - t0, tf.getBackend(), await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'), await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
for (const f of process.argv.slice(2)) {
  const { data, info } = await sharp(f).rotate().resize(1024, 1024, { fit: 'inside' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  for (let i = 0; i < 3; i++) {
    const t1 = performance.now();
    const tensor = tf.tensor3d(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), [info.height, info.width, 3], 'int32');
    const res = await human.detect(tensor);
    tf.dispose(tensor);
    console.log(f, info.width, info.height, 'ms', Math.round(performance.now() - t1), res.face.length);
    if (i === 0) for (const fc of res.face) console.log(JSON.stringify({ score: fc.score, boxScore: fc.boxScore, faceScore: fc.faceScore, boxRaw: fc.boxRaw, rot: fc.rotation?.angle, emo: fc.emotion, annKeys: Object.keys(fc.annotations).length, mesh: fc.mesh.length }));
  }
}
console.log(tf.memory());
