import type { INestApplicationContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type BidStatus, scenarioHash } from '@cordage/domain';
import { AccessRepository, BidScenarioRepository, type NewCertificate } from '@cordage/persistence';
import { exampleScenario } from '@cordage/testing';
import { ScenarioImporter } from '../allocations';
import type { AppliedSignature, SigningState } from './signing.service';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A party of the test bid and the person who signs for it. */
export interface TestParty {
  key: string;
  memberId: string;
  organisationId: string;
  userId: string;
}

export interface TestBid {
  bidId: string;
  /** The four parties still in (org-001 to org-004), each with its signatory. */
  parties: TestParty[];
  /** The version the members agreed. */
  agreedVersionId: string;
}

/**
 * The example bid, straight in the database, with four parties in (the ten others declined), a
 * signatory each, and version 1 of the split agreed: a bid ready for what comes after the vote.
 */
export async function agreedBid(
  persistence: INestApplicationContext,
  dataSource: DataSource,
  status: BidStatus,
): Promise<TestBid> {
  const networkId = await persistence.get(AccessRepository).ensureNetwork('Réseau');
  const { bidId } = await persistence.get(ScenarioImporter).import(exampleScenario(), {
    networkId,
    actor: { userId: null, label: 'test', requestId: null },
  });
  await dataSource.query(
    `UPDATE members SET status = CASE WHEN key <= 'org-004' THEN 'SIGNED' ELSE 'DECLINED' END
     WHERE bid_id = $1 AND role = 'COTRAITANT'`,
    [bidId],
  );
  const members = await dataSource.query<
    { key: string; member_id: string; organisation_id: string }[]
  >(
    `SELECT key, id AS member_id, organisation_id FROM members
     WHERE bid_id = $1 AND role = 'COTRAITANT' AND status = 'SIGNED' ORDER BY key`,
    [bidId],
  );
  const parties: TestParty[] = [];
  for (const member of members) {
    parties.push({
      key: member.key,
      memberId: member.member_id,
      organisationId: member.organisation_id,
      userId: await signatoryOf(dataSource, member.organisation_id, `${member.key}@example.org`),
    });
  }
  const agreedVersionId = await addVersion(persistence, dataSource, bidId, 1);
  await dataSource.query('UPDATE bids SET status = $2, agreed_version_id = $3 WHERE id = $1', [
    bidId,
    status,
    agreedVersionId,
  ]);
  return { bidId, parties, agreedVersionId };
}

/** A person, signatory of the organisation: its id. */
export async function signatoryOf(
  dataSource: DataSource,
  organisationId: string,
  email: string,
): Promise<string> {
  const userId = await personNamed(dataSource, email);
  await dataSource.query(
    `INSERT INTO role_assignments (user_id, role, organisation_id) VALUES ($1, 'SIGNATORY', $2)`,
    [userId, organisationId],
  );
  return userId;
}

/** A person with no role: its id. */
export async function personNamed(dataSource: DataSource, email: string): Promise<string> {
  const [user] = await dataSource.query<{ id: string }[]>(
    'INSERT INTO users (email, display_name) VALUES ($1, $2) RETURNING id',
    [email, `Signataire ${email}`],
  );
  if (!user) throw new Error('no user inserted');
  return user.id;
}

/** A version of the split computed on the bid's data as they are now: its id. */
export async function addVersion(
  persistence: INestApplicationContext,
  dataSource: DataSource,
  bidId: string,
  number: number,
): Promise<string> {
  const scenario = await persistence.get(BidScenarioRepository).exportScenario(bidId);
  if (!scenario) throw new Error(`bid ${bidId} has no scenario`);
  const [version] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO allocation_versions (bid_id, number, kind, input_hash, result)
     VALUES ($1, $2, 'RUN', $3, '{"members": []}') RETURNING id`,
    [bidId, number, scenarioHash(scenario)],
  );
  if (!version) throw new Error('no version inserted');
  return version.id;
}

/** A generated document of the bid, frozen or not, numbered after those of its kind: its id. */
export async function addDocument(
  dataSource: DataSource,
  document: {
    bidId: string;
    versionId: string;
    kind: 'CONVENTION' | 'AMENDMENT';
    frozen: boolean;
    /** The change request an amendment carries. */
    changeRequestId?: string;
  },
): Promise<string> {
  const changeRequestId = document.changeRequestId ?? null;
  const [request] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO job_requests (id, kind, status, network_id, bid_id, parameters)
     SELECT gen_random_uuid(), 'DOCUMENTS', 'DONE', network_id, id,
       jsonb_build_object('allocationVersionId', $2::uuid, 'documentSet', $3::text,
         'changeRequestId', $4::uuid)
     FROM bids WHERE id = $1 RETURNING id`,
    [document.bidId, document.versionId, document.kind, changeRequestId],
  );
  const [stored] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO documents (bid_id, allocation_version_id, request_id, kind, subject, version,
       filename, media_type, size_bytes, sha256, storage_key, frozen_at, change_request_id)
     SELECT $1::uuid, $2::uuid, $3::uuid, $4::varchar, '', coalesce(max(version), 0) + 1,
       'convention.pdf', 'application/pdf', 1000, $5, $6, CASE WHEN $7 THEN now() END, $8::uuid
     FROM documents WHERE bid_id = $1::uuid AND kind = $4::varchar
     RETURNING id`,
    [
      document.bidId,
      document.versionId,
      request?.id,
      document.kind,
      sha256(`${document.kind} ${document.versionId}`),
      `frozen-${document.kind}`,
      document.frozen,
      changeRequestId,
    ],
  );
  if (!stored) throw new Error('no document inserted');
  return stored.id;
}

/** A signing request as the code's confirmation records it: its id. */
export async function addSigningRequest(
  dataSource: DataSource,
  documentId: string,
  party: { memberId: string; userId: string },
): Promise<string> {
  const [request] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO job_requests (id, kind, status, network_id, bid_id, parameters, requested_by)
     SELECT gen_random_uuid(), 'SIGNING', 'QUEUED', b.network_id, b.id,
       jsonb_build_object('documentId', d.id, 'memberId', $2::uuid, 'ip', '192.0.2.1'), $3
     FROM documents d JOIN bids b ON b.id = d.bid_id WHERE d.id = $1 RETURNING id`,
    [documentId, party.memberId, party.userId],
  );
  if (!request) throw new Error('no signing request inserted');
  return request.id;
}

/**
 * Signs without cryptography: the next revision is named after the previous one, and the
 * platform's certificate is stood for by a fixed one. Records what it was given.
 */
export class FakeSigner {
  readonly seen: SigningState[] = [];

  readonly sign = async (state: SigningState): Promise<AppliedSignature> => {
    this.seen.push(state);
    const revision = state.previous.revision + 1;
    return Promise.resolve({
      certificate: state.certificate ?? this.certificate(state.party.userName),
      storageKey: `signed-${state.document.id}-${revision}`,
      sha256: sha256(`${state.document.id} revision ${revision}`),
      signedAt: new Date(`2026-12-0${revision}T10:00:00Z`),
      proofStorageKey: `proof-${state.document.id}-${revision}`,
      proofSha256: sha256(`${state.document.id} proof ${revision}`),
    });
  };

  private certificate(name: string): NewCertificate {
    return {
      source: 'PLATFORM',
      certificatePem: `certificate of ${name}`,
      chainPems: [],
      sealedPrivateKey: 'sealed',
      serialNumber: sha256(name).slice(0, 16),
      subject: `CN=${name}`,
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2028-01-01T00:00:00Z'),
    };
  }
}

/** A bid in SIGNING with its convention frozen for signature: where the signing tests start. */
export async function signingBidWithConvention(
  persistence: INestApplicationContext,
  dataSource: DataSource,
): Promise<{ bid: TestBid; conventionId: string }> {
  const bid = await agreedBid(persistence, dataSource, 'SIGNING');
  const conventionId = await addDocument(dataSource, {
    bidId: bid.bidId,
    versionId: bid.agreedVersionId,
    kind: 'CONVENTION',
    frozen: true,
  });
  return { bid, conventionId };
}
