import { describe, expect, it } from 'vitest';
import { changedPayload, errorsByField, toPayload, type EditorForm } from './editor-payload';

const item = {
  id: '6d0c7a43-1f6b-4f53-9d3e-0d4f8f7e2a11',
  status: 'published',
  ownerId: 'x',
  ownerName: 'Léa',
  version: 1,
  canEdit: true,
  html: '<p>v1</p>',
  viewCount: 3,
  attachments: [],
  type: 'answer',
  title: 'Remise',
  problem: '',
  body: 'v1',
  tags: ['prix'],
  visibility: 'public',
  delivery: 'pull',
  productIds: [],
  situationIds: [],
  audience: { teamIds: [], roles: [] },
  pushAt: null,
};
const form = (patch: Partial<EditorForm> = {}): EditorForm => ({
  type: 'answer',
  title: 'Remise',
  problem: '',
  body: 'v1',
  tags: 'prix',
  visibility: 'public',
  delivery: 'pull',
  productIds: [],
  situationIds: [],
  teamIds: [],
  roles: [],
  pushAt: '',
  ...patch,
});

describe('knowledge editor payload', () => {
  it('never sends what the server does not let anyone edit (id, status, owner, version…)', () => {
    const payload = toPayload({
      ...form(),
      ...({ id: item.id, status: 'published', version: 1 } as object),
    } as EditorForm);
    expect(Object.keys(payload).sort()).toEqual([
      'audience',
      'body',
      'delivery',
      'problem',
      'productIds',
      'pushAt',
      'situationIds',
      'tags',
      'title',
      'type',
      'visibility',
    ]);
  });

  it('sends only the fields that changed when editing', () => {
    expect(changedPayload(form({ body: 'v2', tags: 'prix, remise ' }), item)).toEqual({
      body: 'v2',
      tags: ['prix', 'remise'],
    });
    expect(changedPayload(form(), item)).toEqual({});
    expect(changedPayload(form({ delivery: 'push', roles: ['rep'] }), item)).toEqual({
      delivery: 'push',
      audience: { teamIds: [], roles: ['rep'] },
    });
  });

  it('puts each server field error under its field, once', () => {
    expect(
      errorsByField([
        { field: 'tags.0', message: 'Too long' },
        { field: 'tags.1', message: 'Too long' },
        { field: 'title', message: 'Required' },
        { field: 'id', message: 'Unknown field "id".' },
        { field: 'audience.teamIds', message: 'Outside your teams' },
      ]),
    ).toEqual({ tags: 'Too long', title: 'Required', teamIds: 'Outside your teams' });
  });
});
