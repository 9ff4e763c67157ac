import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DetectFacesCommand, RekognitionClient, type DetectFacesCommandOutput } from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRekognitionAnalyzer } from './rekognition-analyzer';
import { FaceSchema } from './schemas';

const recorded = (name: string) =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, '__fixtures__', name), 'utf8')) as DetectFacesCommandOutput;

const rekognition = mockClient(RekognitionClient);
const analyzer = createRekognitionAnalyzer(rekognition as unknown as RekognitionClient);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);
const stored = { jpeg, width: 512, height: 512, location: { bucket: 'media', key: 'analysis/u1/img1/input.jpg' } };

beforeEach(() => rekognition.reset());

describe('createRekognitionAnalyzer', () => {
  it('reads a stored input from S3 and asks for every attribute', async () => {
    rekognition.on(DetectFacesCommand).resolves(recorded('detect-faces-portrait.json'));
    await analyzer.detect(stored);
    const calls = rekognition.commandCalls(DetectFacesCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      Attributes: ['ALL'],
      Image: { S3Object: { Bucket: 'media', Name: 'analysis/u1/img1/input.jpg' } },
    });
  });

  it('sends the bytes when the input is not stored', async () => {
    rekognition.on(DetectFacesCommand).resolves(recorded('detect-faces-none.json'));
    await analyzer.detect({ jpeg, width: 512, height: 512 });
    const input = rekognition.commandCalls(DetectFacesCommand)[0]!.args[0].input;
    expect(input.Attributes).toEqual(['ALL']);
    expect(input.Image).toEqual({ Bytes: jpeg });
  });

  it('maps a portrait into the shared face shape', async () => {
    rekognition.on(DetectFacesCommand).resolves(recorded('detect-faces-portrait.json'));
    const faces = await analyzer.detect(stored);
    expect(analyzer.name).toBe('rekognition');
    expect(faces).toHaveLength(1);
    const face = FaceSchema.parse(faces[0]);
    expect(face.box).toEqual({ left: 0.3523179, top: 0.1193427, width: 0.1808152, height: 0.2421095 });
    expect(face.confidence).toBeCloseTo(0.9999958, 6);
    expect(face.pose).toEqual({ yaw: -1.3481047, pitch: 8.427521, roll: 2.9152098 });
    expect(face.eyesOpen).toEqual({ value: true, confidence: expect.closeTo(0.9803152, 6) });
    expect(face.smile).toEqual({ value: true, confidence: expect.closeTo(0.9862313, 6) });
    expect(face.mouthOpen).toEqual({ value: true, confidence: expect.closeTo(0.9155716, 6) });
    expect(face.sunglasses).toEqual({ value: false, confidence: expect.closeTo(0.9998103, 6) });
    expect(face.emotion).toBe('happy');
  });

  it('maps every face of a group, with each dominant emotion in the shared words', async () => {
    rekognition.on(DetectFacesCommand).resolves(recorded('detect-faces-group.json'));
    const faces = await analyzer.detect(stored);
    expect(faces).toHaveLength(3);
    expect(faces.map((f) => f.emotion)).toEqual(['happy', 'calm', 'calm']);
    expect(faces.map((f) => f.pose.roll)).toEqual([30.481365, -26.73619, -3.7192821]);
    expect(faces[1]!.eyesOpen).toEqual({ value: false, confidence: expect.closeTo(0.9128871, 6) });
    expect(faces[1]!.sunglasses).toEqual({ value: true, confidence: expect.closeTo(0.6217854, 6) });
  });

  it('keeps a box that reaches past the frame inside it', async () => {
    rekognition.on(DetectFacesCommand).resolves(recorded('detect-faces-edge.json'));
    const [face] = await analyzer.detect(stored);
    expect(face!.box.left).toBeCloseTo(0.8412963, 6);
    expect(face!.box.top).toBe(0);
    expect(face!.box.left + face!.box.width).toBeCloseTo(1, 6);
    expect(face!.box.height).toBeCloseTo(0.3170286 - 0.0611857, 6);
    expect(face!.sunglasses).toEqual({ value: true, confidence: expect.closeTo(0.9781355, 6) });
    expect(face!.emotion).toBe('calm');
    expect(() => FaceSchema.parse(face)).not.toThrow();
  });

  it('answers no faces with an empty list, and unknown for attributes the response leaves out', async () => {
    rekognition.on(DetectFacesCommand).resolvesOnce(recorded('detect-faces-none.json')).resolvesOnce({
      $metadata: {},
      FaceDetails: [{ BoundingBox: { Left: 0.1, Top: 0.1, Width: 0.2, Height: 0.3 }, Pose: { Roll: 0, Yaw: 0, Pitch: 0 }, Confidence: 99 }],
    });
    expect(await analyzer.detect(stored)).toEqual([]);
    const [face] = await analyzer.detect(stored);
    expect(face).toMatchObject({ eyesOpen: 'unknown', smile: 'unknown', mouthOpen: 'unknown', sunglasses: 'unknown', emotion: 'unknown' });
  });

  it('lets a Rekognition error through, so the delivery is retried', async () => {
    rekognition.on(DetectFacesCommand).rejects(new Error('ThrottlingException'));
    await expect(analyzer.detect(stored)).rejects.toThrow('ThrottlingException');
  });
});
