// An independent check of a sceau credential: Digital Bazaar's verifiable credentials library with
// the eddsa-jcs-2022 cryptosuite, offline. Every document the library asks for is served locally:
// the VC 2.0 context from its npm package, the Open Badges 3.0.3 context from the standards' copy,
// and the issuer's controller document, built here from the issuer's public key.
//
// Usage: node verify.mjs CREDENTIAL.json ISSUER.pub OB_CONTEXT.json NOW [STATUS_DIR]
// ISSUER.pub is the certifier's public key as `sceau keygen` writes it (PEM); NOW an ISO date-time.
// Prints "verified" and exits 0, or "refused: <reasons>" and exits 1 (2 on a usage error).
// With STATUS_DIR, the status list the credential names is read from STATUS_DIR/status/ and its
// bit decoded by @digitalbazaar/vc-bitstring-status-list; without it, the status is not checked.
import {readFileSync} from 'node:fs';
import {createPublicKey} from 'node:crypto';
import * as vc from '@digitalbazaar/vc';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as bitstringStatus from '@digitalbazaar/vc-bitstring-status-list';
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

// Bitstring Status List v1.0: Digital Bazaar's reader, the list credential served from the published
// directory (the part of its URL after the last "/status/", under STATUS_DIR/status/). The lists
// are published unsigned (SECURITY.md), so their own proof is not asked for.
async function checkStatus({credential}) {
  if(!statusDir) {
    return {verified: true};
  }
  const loader = async url => {
    const name = url.slice(url.lastIndexOf('/status/') + '/status/'.length);
    const document = JSON.parse(readFileSync(`${statusDir}/status/${name}`, 'utf8'));
    return {contextUrl: null, documentUrl: url, document};
  };
  const result = await bitstringStatus.checkStatus({
    credential, documentLoader: loader, verifyBitstringStatusListCredential: false
  });
  if(!result.verified) {
    return result;
  }
  for(const r of result.results ?? [result]) {
    if(r.status) {
      return {
        verified: false,
        error: new Error(`status ${r.credentialStatus.statusPurpose} is set`)
      };
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
