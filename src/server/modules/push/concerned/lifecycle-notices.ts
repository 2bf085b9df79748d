import type { Queryable } from '../../../db/client.js';
import type { AppDeps } from '../../../platform/context.js';
import type { DomainEvent } from '../../../platform/events.js';
import { sourcesOf } from '../shared/push-state.js';
import { createNotifications, type Localized, type NotificationKind } from '../notifications/notify.js';

/**
 * Lifecycle events that ask someone to act (issue 9 A10) become notifications on their
 * channels, with their preferences and quiet hours: an item to review (experts), an item to
 * re-verify (its owner), a comment or a suggested edit (the owner), a decision on a change (its
 * authors), an action of a change plan (the person in charge). The emitting module names the
 * recipients; nobody is told about an item they may not see (ID-3), nor about their own act.
 */
type Notice = {
  kind: NotificationKind;
  title: Localized;
  body?: Localized;
  reason: Localized;
  url: string;
  sourceType: string;
  sourceId: string;
  dedupeKey: string;
};

async function notify(
  tx: Queryable,
  deps: AppDeps,
  event: DomainEvent,
  notice: Notice,
  aboutKnowledge = false,
) {
  let recipients = [...new Set(event.recipients)].filter((id) => id !== event.actorId);
  if (aboutKnowledge) {
    const kept: string[] = [];
    for (const userId of recipients)
      if (await sourcesOf(deps).knowledge.knowledgeVisibleTo(tx, userId, notice.sourceId)) kept.push(userId);
    recipients = kept;
  }
  await createNotifications(tx, deps, {
    ...notice,
    recipients: recipients.map((userId) => ({ userId, reason: notice.reason })),
  });
}

const item = (event: DomainEvent) => ({
  url: `/knowledge/${event.payload.itemId}`,
  sourceType: 'knowledge',
  sourceId: event.payload.itemId as string,
});

export function subscribeLifecycleNotices(deps: AppDeps) {
  const on = <P extends Record<string, unknown> = Record<string, unknown>>(
    name: string,
    type: string,
    build: (event: DomainEvent<P>) => Notice,
    aboutKnowledge = false,
  ) =>
    deps.events.subscribe<P>(name, type, (event, tx) =>
      event.recipients.length ? notify(tx, deps, event, build(event), aboutKnowledge) : Promise.resolve(),
    );

  on(
    'push.knowledge-review',
    'knowledge.review_requested',
    (event) => {
      const { title, version, authorName } = event.payload;
      return {
        kind: 'reminder',
        ...item(event),
        dedupeKey: `knowledge.review:${event.payload.itemId}:v${version}`,
        title: { fr: `À relire : ${title}`, en: `To review: ${title}` },
        body: {
          fr: `${authorName} demande la validation de la version ${version}.`,
          en: `${authorName} asks you to validate version ${version}.`,
        },
        reason: { fr: 'vous validez les connaissances', en: 'you validate knowledge' },
      };
    },
    true,
  );

  on(
    'push.knowledge-reverify',
    'knowledge.reverify_requested',
    (event) => ({
      kind: 'reminder',
      ...item(event),
      dedupeKey: `knowledge.reverify:${event.id}`,
      title: { fr: `À revérifier : ${event.payload.title}`, en: `To re-verify: ${event.payload.title}` },
      body: {
        fr: 'Sa date de vérification est passée : confirmez qu’elle est à jour, ou modifiez-la.',
        en: 'Its verification date has passed: confirm it is up to date, or change it.',
      },
      reason: { fr: 'vous en êtes l’auteur', en: 'you own it' },
    }),
    true,
  );

  on(
    'push.knowledge-comment',
    'knowledge.commented',
    (event) => ({
      kind: 'change',
      ...item(event),
      dedupeKey: `knowledge.comment:${event.payload.commentId}`,
      title: {
        fr: `Nouveau commentaire sur ${event.payload.title}`,
        en: `New comment on ${event.payload.title}`,
      },
      body: {
        fr: `${event.payload.authorName} : ${event.payload.excerpt}`,
        en: `${event.payload.authorName}: ${event.payload.excerpt}`,
      },
      reason: { fr: 'vous en êtes l’auteur', en: 'you own it' },
    }),
    true,
  );

  on(
    'push.knowledge-suggestion',
    'knowledge.edit_suggested',
    (event) => ({
      kind: 'change',
      ...item(event),
      dedupeKey: `knowledge.suggestion:${event.payload.suggestionId}`,
      title: {
        fr: `Modification suggérée : ${event.payload.title}`,
        en: `Edit suggested: ${event.payload.title}`,
      },
      body: {
        fr: `${event.payload.authorName} suggère une modification${event.payload.note ? ` (« ${event.payload.note} »)` : ''} : acceptez-la ou refusez-la.`,
        en: `${event.payload.authorName} suggests an edit${event.payload.note ? ` ("${event.payload.note}")` : ''}: accept or decline it.`,
      },
      reason: { fr: 'vous en êtes l’auteur', en: 'you own it' },
    }),
    true,
  );

  on(
    'push.knowledge-decision',
    'knowledge.change_decided',
    (event) => {
      const { title, version, decision } = event.payload;
      const validated = decision === 'validated';
      return {
        kind: 'change',
        ...item(event),
        dedupeKey: `knowledge.decision:${event.payload.itemId}:v${version}`,
        title: validated
          ? { fr: `Version ${version} validée : ${title}`, en: `Version ${version} validated: ${title}` }
          : { fr: `Version ${version} refusée : ${title}`, en: `Version ${version} turned down: ${title}` },
        reason: { fr: 'vous avez écrit cette modification', en: 'you wrote this change' },
      };
    },
    true,
  );

  // KB-8: an answer was published for a question the recipient asked and found no answer to.
  on<{ itemId: string; gapId: string; title: string }>(
    'push.knowledge-gap-answered',
    'knowledge.gap_answered',
    (event) => ({
      kind: 'change',
      ...item(event),
      dedupeKey: `knowledge.gap_answered:${event.payload.gapId}`,
      title: {
        fr: `Votre question a une réponse : ${event.payload.title}`,
        en: `Your question has an answer: ${event.payload.title}`,
      },
      body: {
        fr: 'Vous aviez cherché sans trouver de réponse utile : un expert vient de la publier.',
        en: 'You searched without finding a useful answer: an expert has just published one.',
      },
      reason: { fr: 'vous aviez posé cette question', en: 'you asked this question' },
    }),
    true,
  );

  on<{ planId: string; actionId: string; planTitle: string; means: string; dueOn: string | null }>(
    'push.plan-action',
    'change_plan.action_assigned',
    (event) => {
      const { planId, actionId, planTitle, means, dueOn } = event.payload;
      return {
        kind: 'plan',
        url: `/change-plans/${planId}`,
        sourceType: 'change_plan',
        sourceId: planId,
        dedupeKey: `plan.action:${actionId}:${event.id}`,
        title: { fr: `Action à mener : ${means}`, en: `Action for you: ${means}` },
        body: dueOn
          ? {
              fr: `Plan de changement « ${planTitle} », avant le ${new Date(`${dueOn}T12:00:00Z`).toLocaleDateString('fr-FR', { dateStyle: 'long' })}.`,
              en: `Change plan "${planTitle}", due ${new Date(`${dueOn}T12:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'long' })}.`,
            }
          : { fr: `Plan de changement « ${planTitle} ».`, en: `Change plan "${planTitle}".` },
        reason: { fr: 'vous en êtes responsable', en: 'you are in charge of it' },
      };
    },
  );
}
