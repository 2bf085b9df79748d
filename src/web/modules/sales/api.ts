import { ApiError, CSRF_COOKIE, CSRF_HEADER, readCookie, toProblem } from '../../app/api';

/** Types of the sales API (products, offers, activities, documents, brief, dashboards). */
export type Outcome = 'open' | 'won' | 'lost';
export interface Stage { id: string; key: string; nameFr: string; nameEn: string; probability: number; position: number; outcome: Outcome }
export interface Product {
  id: string; reference: string; name: string; descriptionMd: string; descriptionHtml: string; unitPrice: number; discountPercent: number;
  currency: string; category: string | null; active: boolean; createdAt: string; updatedAt: string;
}
export interface PriceChange { id: number; changedAt: string; changedByName: string | null; oldPrice: number | null; newPrice: number | null; oldDiscount: number | null; newDiscount: number | null }
export interface OfferLine { id: string; productId: string; productReference: string; productName: string; quantity: number; unitPrice: number; discountPercent: number; total: number }
export interface Offer {
  id: string; title: string; accountId: string; accountName: string; contactId: string | null; contactName: string | null;
  stage: string; stageNameFr: string; stageNameEn: string; probability: number; outcome: Outcome; amount: number; currency: string;
  expectedCloseDate: string | null; closedAt: string | null; closeReason: string | null; competitor: string | null;
  ownerId: string; ownerName: string; visibility: string; createdAt: string; updatedAt: string;
}
export interface OfferDetail extends Offer {
  lines: OfferLine[];
  stageHistory: { id: number; from: string | null; to: string; changedAt: string; changedByName: string | null; reason: string | null; competitor: string | null }[];
}
export type ActivityKind = 'call' | 'visit' | 'email' | 'note' | 'task';
export interface Activity {
  id: string; kind: ActivityKind; subject: string; bodyMd: string; report: { objectives: string; outcome: string; nextSteps: string } | null;
  occurredAt: string; durationMinutes: number | null; dueDate: string | null; doneAt: string | null; accountId: string | null; accountName: string | null;
  offerId: string | null; offerTitle: string | null; contacts: { id: string; name: string }[]; ownerId: string; ownerName: string; visibility: string;
}
export interface DocumentItem { id: string; parentType: string; parentId: string; fileName: string; contentType: string; sizeBytes: number; uploadedByName: string | null; createdAt: string; downloadUrl: string }
export interface Page<T> { items: T[]; nextCursor: string | null; total: number }
export interface TimelineEntry { type: string; id: string; at: string; title: string; summary: string | null; url: string; actorName: string | null; meta: Record<string, unknown> }

export const stageName = (stage: { nameFr: string; nameEn: string } | { stageNameFr: string; stageNameEn: string }, locale: string) =>
  'nameFr' in stage ? (locale === 'en' ? stage.nameEn : stage.nameFr) : locale === 'en' ? stage.stageNameEn : stage.stageNameFr;

/** "12 500 €" in the current language. */
export const money = (value: number, locale: string, currency = 'EUR') =>
  new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { style: 'currency', currency, maximumFractionDigits: value % 1 === 0 || Math.abs(value) >= 1000 ? 0 : 2 }).format(value);

/** Uploads a file as multipart (the JSON client cannot), with the CSRF token. */
export async function uploadDocument(parentType: string, parentId: string, file: File): Promise<DocumentItem> {
  const form = new FormData();
  form.append('parentType', parentType);
  form.append('parentId', parentId);
  form.append('file', file);
  const headers: Record<string, string> = {};
  const csrf = readCookie(document.cookie, CSRF_COOKIE);
  if (csrf) headers[CSRF_HEADER] = csrf;
  const response = await fetch('/api/v1/documents', { method: 'POST', body: form, headers, credentials: 'same-origin' });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(toProblem(response.status, response.statusText, body));
  return body as DocumentItem;
}
