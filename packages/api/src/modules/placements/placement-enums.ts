import { PLACEMENT_STATUSES, RETURN_REASONS } from '@recupera/shared';
import { registerEnumType } from 'type-graphql';

export const EXTENSION_REQUEST_STATUSES = ['PENDING', 'APPROVED', 'REFUSED'] as const;
export type ExtensionRequestStatusName = (typeof EXTENSION_REQUEST_STATUSES)[number];

const enumOf = <const T extends readonly string[]>(values: T) =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T[number]]: K };

export const PlacementStatus = enumOf(PLACEMENT_STATUSES);
export const ReturnReason = enumOf(RETURN_REASONS);
export const ExtensionRequestStatus = enumOf(EXTENSION_REQUEST_STATUSES);

registerEnumType(PlacementStatus, { name: 'PlacementStatus' });
registerEnumType(ReturnReason, {
  name: 'ReturnReason',
  description: 'Why an agency hands an account back.',
});
registerEnumType(ExtensionRequestStatus, { name: 'ExtensionRequestStatus' });
