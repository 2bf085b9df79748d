import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import adminFr from './locales/fr.json';
import adminEn from './locales/en.json';
import commonFr from '../common/locales/fr.json';
import accountsFr from '../accounts/locales/fr.json';
import type { AuditEntry } from './queries';
import {
  actionLabel,
  AUDIT_ACTIONS,
  AUDIT_TARGETS,
  changeSummary,
  detailLines,
  targetLabel,
} from './components/audit-labels';

const t = i18next.createInstance();
beforeAll(async () => {
  await t.init({
    lng: 'fr',
    resources: { fr: { admin: adminFr, common: commonFr, accounts: accountsFr }, en: { admin: adminEn } },
    nsSeparator: ':',
    keySeparator: '.',
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
});

const entry = (patch: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  at: '2026-12-02T08:00:00Z',
  actorId: null,
  actorName: 'Anne Brémont',
  action: 'user.team_changed',
  targetType: 'user',
  targetId: null,
  targetName: 'Rémi Carpentier',
  ip: null,
  details: {},
  names: {},
  ...patch,
});
const RENNES = '0b8a3c1e-5d2f-4a6b-9c7d-1e2f3a4b5c6d';

describe('the audit log in words (issue 9 A14)', () => {
  it('has a label in French and English for every action and record type, and never shows an unknown code', () => {
    for (const lng of ['fr', 'en']) {
      const fixed = t.getFixedT(lng);
      for (const action of AUDIT_ACTIONS)
        expect(actionLabel(fixed, action), action).not.toMatch(/[a-z]\.[a-z]/);
      for (const target of AUDIT_TARGETS) expect(targetLabel(fixed, target), target).toBeTruthy();
    }
    expect(actionLabel(t.t, 'rocket.launch')).toBe('Autre action');
    expect(targetLabel(t.t, 'rocket')).toBeNull();
  });

  it('shows names for ids, labels for roles and visibilities, and leaves out what it has no words for', () => {
    const moved = entry({
      details: { from: RENNES, to: null },
      names: { [RENNES]: 'Équipe Rennes Bretagne' },
    });
    expect(changeSummary(t.t, moved)).toBe('Équipe Rennes Bretagne → —');
    expect(
      changeSummary(t.t, entry({ action: 'user.role_changed', details: { from: 'rep', to: 'expert' } })),
    ).toBe('Commercial → Expert');
    expect(
      changeSummary(t.t, entry({ details: { from: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', to: RENNES } })),
    ).toBe('personne ou unité supprimée → personne ou unité supprimée');
    const lines = detailLines(
      t.t,
      entry({
        action: 'knowledge.visibility_changed',
        details: { visibility: 'secret', how: 'get', internalFlag: true },
      }),
    );
    expect(lines).toEqual([
      { label: 'Visibilité', value: 'Secret' },
      { label: 'Accès par', value: 'sa fiche' },
    ]);
    // How a confidential record was read (issue 10.4), in words, never the code.
    expect(
      detailLines(t.t, entry({ action: 'record.secret_read', details: { how: 'list', requestId: 'req-1' } })),
    ).toEqual([{ label: 'Accès par', value: 'dans une liste, une recherche ou un export' }]);
    expect(detailLines(t.t, entry({ action: 'record.secret_read', details: { how: 'teleport' } }))).toEqual([
      { label: 'Accès par', value: 'autre accès' },
    ]);
  });

  it('tells why a single sign-on was refused and how someone signed in, in words', () => {
    const refused = entry({
      action: 'auth.sso_failed',
      details: { reason: 'sso.email_unverified', why: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' },
    });
    expect(detailLines(t.t, refused)).toEqual([
      {
        label: 'Motif',
        value:
          'Votre adresse e-mail n’est pas vérifiée chez le fournisseur d’identité : Relais ne peut pas vous reconnaître.',
      },
    ]);
    expect(
      detailLines(t.getFixedT('en'), entry({ action: 'auth.login', details: { method: 'sso' } })),
    ).toEqual([{ label: 'Method', value: 'Single sign-on' }]);
  });
});
