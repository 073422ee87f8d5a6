// Owns signing and checking checkpoints with the council's Ed25519 key (node:crypto; PEM files).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { Checkpoint, CheckpointSigner, UnsignedCheckpoint } from '../services/checkpoint-ports.js';
import { canonicalJson } from './event-hash.js';

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** What is signed: everything but the signature, canonical, so key order in the file does not matter. */
function signedBytes(c: Omit<Checkpoint, 'signature'>): Buffer {
  const { kind, version, council, at, head, marks, keyId } = c;
  return Buffer.from(canonicalJson({ kind, version, council, at, head, marks, keyId }));
}

export function createCheckpointSigner(privateKeyPem: string): CheckpointSigner {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the checkpoint key must be Ed25519, not ${privateKey.asymmetricKeyType}`);
  const keyId = keyIdOf(createPublicKey(privateKey));
  return {
    keyId,
    sign(unsigned: UnsignedCheckpoint): Checkpoint {
      const withKey = { ...unsigned, keyId };
      return { ...withKey, signature: sign(null, signedBytes(withKey), privateKey).toString('base64') };
    },
  };
}

/** A public key PEM, or the public half of a private key PEM. */
export function publicKeyFrom(pem: string): KeyObject {
  return createPublicKey(pem);
}

export function checkpointSignatureProblem(c: Checkpoint, publicKey: KeyObject): string | null {
  if (c.keyId !== keyIdOf(publicKey)) return `signed with key ${c.keyId}, not the council's key ${keyIdOf(publicKey)}`;
  const ok = verify(null, signedBytes(c), publicKey, Buffer.from(c.signature, 'base64'));
  return ok ? null : 'the signature does not verify: the file was altered or forged';
}

export function generateCheckpointKeys(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
