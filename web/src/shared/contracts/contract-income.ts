import type { ContractKind, IncomeKind } from '../../gql/enums';

/**
 * The kinds of income a contract pays (the API's rule, `incomeKindsUnder` in
 * src/contracts/contract-rules.ts): a lease (租赁) and a contracting (承包) pay rent, an equity stake (入股)
 * dividends, its guaranteed minimum included, an entrusted operation (委托经营) either.
 */
export function incomeKindsUnder(kind: ContractKind): IncomeKind[] {
  switch (kind) {
    case 'LEASE':
    case 'CONTRACTING':
      return ['RENT'];
    case 'EQUITY':
      return ['DIVIDEND'];
    case 'ENTRUSTED':
      return ['RENT', 'DIVIDEND'];
  }
}
