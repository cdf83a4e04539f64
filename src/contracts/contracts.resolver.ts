import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@/common/context';
import { Connection, ConnectionType, mapConnection } from '@/common/pagination';
import { IdArg } from '@/common/validation/arg.pipes';
import { Asset } from '@/assets/asset.entity';
import { AssetType } from '@/assets/asset.type';
import { ContractsService, ContractView, OperatorView } from './contracts.service';
import {
  AmendContractArgs,
  ContractsArgs,
  ContractType,
  OperatorsArgs,
  OperatorType,
  RegisterOperatorInput,
  RenewContractArgs,
  ReturnPrincipalArgs,
  SignContractInput,
  TerminateContractArgs,
} from './contract.types';

const OperatorConnection = ConnectionType(OperatorType, 'Operator');
const ContractConnection = ConnectionType(ContractType, 'Contract');

export function toOperatorType(o: OperatorView): OperatorType {
  return {
    id: o.id,
    regionCode: o.regionCode,
    kind: o.kind,
    name: o.name,
    uscc: o.uscc,
    idNumber: o.idNumber,
    contactPerson: o.contactPerson,
    contactPhone: o.contactPhone,
    note: o.note,
    createdAt: o.createdAt,
    version: o.version,
  };
}

export function toContractType(c: ContractView): ContractType {
  return {
    id: c.id,
    regionCode: c.regionCode,
    code: c.code,
    kind: c.kind,
    status: c.status,
    inForce: c.inForce,
    ownerName: c.ownerName,
    operator: toOperatorType(c.operatorView),
    assets: c.assetList,
    startDate: c.startDate,
    endDate: c.endDate,
    terminatedOn: c.terminatedOn,
    terminationReason: c.terminationReason,
    amount: c.amount,
    schedule: c.schedule,
    guaranteedMinimum: c.guaranteedMinimum,
    equityPrincipal: c.equityPrincipal,
    equityMaturityDate: c.equityMaturityDate,
    principalReturnedOn: c.principalReturnedOn,
    principalReturnedAmount: c.principalReturnedAmount,
    evidence: c.evidence,
    note: c.note,
    payments: c.position,
    versions: c.versionList,
    createdAt: c.createdAt,
    version: c.version,
  };
}

@Resolver(() => ContractType)
export class ContractsResolver {
  constructor(private readonly service: ContractsService) {}

  @Mutation(() => OperatorType, {
    description:
      'VILLAGE_CLERK: register an operator (经营主体) in your village. Idempotent by idempotencyKey.',
  })
  async registerOperator(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RegisterOperatorInput,
  ): Promise<OperatorType> {
    return toOperatorType(await this.service.registerOperator(ctx, input));
  }

  @Query(() => OperatorType)
  async operator(@Ctx() ctx: RequestContext, @IdArg('id') id: string): Promise<OperatorType> {
    return toOperatorType(await this.service.findOperator(ctx, id));
  }

  @Query(() => OperatorConnection, { description: 'Operators registered in your region, newest first.' })
  async operators(
    @Ctx() ctx: RequestContext,
    @Args() args: OperatorsArgs,
  ): Promise<Connection<OperatorType>> {
    return mapConnection(
      await this.service.operators(ctx, args.filter, args.first, args.after),
      toOperatorType,
    );
  }

  @Mutation(() => ContractType, {
    description:
      'VILLAGE_CLERK: register a contract between the village and an operator for operating assets of the village. Idempotent by idempotencyKey.',
  })
  async signContract(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SignContractInput,
  ): Promise<ContractType> {
    return toContractType(await this.service.sign(ctx, input));
  }

  @Mutation(() => ContractType, {
    description: 'VILLAGE_CLERK: renew (extend the term, new terms from the old end).',
  })
  async renewContract(@Ctx() ctx: RequestContext, @Args() args: RenewContractArgs): Promise<ContractType> {
    return toContractType(await this.service.renew(ctx, args.id, args.expectedVersion, args.input));
  }

  @Mutation(() => ContractType, { description: 'VILLAGE_CLERK: change the terms from a day on (补充协议).' })
  async amendContract(@Ctx() ctx: RequestContext, @Args() args: AmendContractArgs): Promise<ContractType> {
    return toContractType(await this.service.amend(ctx, args.id, args.expectedVersion, args.input));
  }

  @Mutation(() => ContractType, {
    description: 'VILLAGE_CLERK: end the contract early (the last day in force).',
  })
  async terminateContract(
    @Ctx() ctx: RequestContext,
    @Args() args: TerminateContractArgs,
  ): Promise<ContractType> {
    return toContractType(await this.service.terminate(ctx, args.id, args.expectedVersion, args.input));
  }

  @Mutation(() => ContractType, { description: 'VILLAGE_CLERK: the principal of an equity stake came back.' })
  async recordPrincipalReturn(
    @Ctx() ctx: RequestContext,
    @Args() args: ReturnPrincipalArgs,
  ): Promise<ContractType> {
    return toContractType(await this.service.returnPrincipal(ctx, args.id, args.expectedVersion, args.input));
  }

  @Query(() => ContractType)
  async contract(@Ctx() ctx: RequestContext, @IdArg('id') id: string): Promise<ContractType> {
    return toContractType(await this.service.findOne(ctx, id));
  }

  @Query(() => ContractConnection, {
    description: 'Contracts in your region, newest first, each with what is due and received up to today.',
  })
  async contracts(
    @Ctx() ctx: RequestContext,
    @Args() args: ContractsArgs,
  ): Promise<Connection<ContractType>> {
    return mapConnection(await this.service.list(ctx, args.filter, args.first, args.after), toContractType);
  }
}

@Resolver(() => AssetType)
export class AssetContractsResolver {
  constructor(private readonly service: ContractsService) {}

  @ResolveField(() => [ContractType], {
    description:
      'Contracts registered for the asset (newest first). The legacy operator and contract fields of the asset are free text kept as entered; see docs/api.md.',
  })
  async contracts(@Ctx() ctx: RequestContext, @Parent() asset: Asset): Promise<ContractType[]> {
    return (await this.service.ofAsset(ctx, asset)).map(toContractType);
  }
}
