// Owns keeping the desk to its own organisation: with MICROSOFT_APP_TENANT_ID set, activities from
// another Microsoft 365 tenant are turned away before anything is stored or sent.

interface TenantCarrier {
  readonly conversation?: { readonly tenantId?: string | undefined } | undefined;
  readonly channelData?: { readonly tenant?: { readonly id?: string | undefined } | undefined } | undefined;
}

/** True when the desk is tied to a tenant and the activity says it comes from a different one. */
export function fromAnotherTenant(expected: string | null, activity: TenantCarrier): boolean {
  if (!expected) return false;
  const tenant = activity.conversation?.tenantId ?? activity.channelData?.tenant?.id;
  return tenant !== undefined && tenant.toLowerCase() !== expected.toLowerCase();
}
