// An independent check of a sceau credential: Digital Bazaar's verifiable credentials library with
// the eddsa-jcs-2022 cryptosuite, offline. Every document the library asks for is served locally:
// the VC 2.0 context from its npm package, the Open Badges 3.0.3 context from the standards' copy,
// and the issuer's controller document, built here from the issuer's public key.
//
// Usage: node verify.mjs CREDENTIAL.json ISSUER.pub OB_CONTEXT.json NOW [STATUS_DIR]
// ISSUER.pub is the certifier's public key as `sceau keygen` writes it (PEM); NOW an ISO date-time.
// Prints "verified" and exits 0, or "refused: <reasons>" and exits 1 (2 on a usage error).
// With STATUS_DIR, the status list the credential names is read from STATUS_DIR/status/ and its
// bit decoded here (base64url, gunzip); without it, the status is not checked.
import {readFileSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';
import {createPublicKey} from 'node:crypto';
import * as vc from '@digitalbazaar/vc';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {createVerifyCryptosuite} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import {contexts as credentialsContexts} from '@digitalbazaar/credentials-context';

const [credentialPath, publicKeyPath, obContextPath, now, statusDir] = process.argv.slice(2);
if(!credentialPath || !publicKeyPath || !obContextPath || !now) {
  console.error('usage: node verify.mjs CREDENTIAL.json ISSUER.pub OB_CONTEXT.json NOW ' +
    '[STATUS_DIR]');
  process.exit(2);
}

// The public key, from the PEM file (not from the credential): as a Multikey.
const jwk = createPublicKey(readFileSync(publicKeyPath, 'utf8')).export({format: 'jwk'});
const {publicKeyMultibase} = await (await Ed25519Multikey.fromJwk({jwk}))
  .export({publicKey: true, includeContext: false});

const credential = JSON.parse(readFileSync(credentialPath, 'utf8'));
const issuerId = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
// The proof is one object, or a set of one (Open Badges 3.0).
const [proof] = [].concat(credential.proof ?? []);
const verificationMethodId = proof?.verificationMethod ?? `${issuerId}#key`;
const controllerId = verificationMethodId.split('#')[0];
const verificationMethod = {
  '@context': 'https://w3id.org/security/multikey/v1',
  id: verificationMethodId,
  type: 'Multikey',
  controller: controllerId,
  publicKeyMultibase
};
const controller = {
  '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
  id: controllerId,
  assertionMethod: [verificationMethodId],
  verificationMethod: [verificationMethod]
};
const documents = new Map([
  ...credentialsContexts,
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    JSON.parse(readFileSync(obContextPath, 'utf8'))],
  [controllerId, controller],
  [verificationMethodId, verificationMethod]
]);

async function documentLoader(url) {
  if(!documents.has(url)) {
    throw new Error(`document not available offline: ${url}`);
  }
  return {contextUrl: null, documentUrl: url, document: documents.get(url)};
}

// Bitstring Status List v1.0, read from the published directory.
async function checkStatus({credential}) {
  if(!statusDir) {
    return {verified: true};
  }
  const entries = [].concat(credential.credentialStatus);
  for(const entry of entries) {
    const url = entry.statusListCredential;
    const name = url.slice(url.lastIndexOf('/status/') + '/status/'.length);
    const list = JSON.parse(readFileSync(`${statusDir}/status/${name}`, 'utf8'));
    const encoded = list.credentialSubject.encodedList;
    if(!encoded.startsWith('u')) {
      return {verified: false, error: new Error('encodedList is not base64url multibase')};
    }
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    const index = Number.parseInt(entry.statusListIndex, 10);
    if((bits[index >> 3] >> (7 - (index & 7))) & 1) {
      return {verified: false, error: new Error(`status ${entry.statusPurpose} is set`)};
    }
  }
  return {verified: true};
}

const suite = new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()});
const result = await vc.verifyCredential({
  credential, suite, documentLoader, checkStatus, now: new Date(now)
});
if(result.verified) {
  console.log('verified');
  process.exit(0);
}
const reasons = [];
if(result.error) {
  for(const e of [].concat(result.error.errors ?? result.error)) {
    reasons.push(e.message);
  }
}
for(const r of result.results ?? []) {
  if(!r.verified && r.error) {
    reasons.push(r.error.message);
  }
}
if(result.statusResult && !result.statusResult.verified) {
  reasons.push(result.statusResult.error?.message ?? 'status');
}
console.log(`refused: ${[...new Set(reasons)].join('; ')}`);
process.exit(1);
