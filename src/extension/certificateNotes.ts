/**
 * Facts about a connection's certificate that its tooltip should say, learned while requests run: today only that a
 * pinned certificate has expired (still trusted: the pin is the trust, but the person should know). Written by the
 * task service from the HTTP layer's report, read by the tree; keyed by connection id.
 */
export interface CertificateNote {
  kind: 'pinned-expired';
  validTo: string;
}

export const certificateNotes = new Map<string, CertificateNote>();
