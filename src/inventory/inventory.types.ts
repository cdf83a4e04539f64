import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Role } from '@/common/auth';
import { Fen, MoneyScalarType } from '@/common/scalars';
import { AssetClass, AssetStatus } from '@/assets/asset.enums';
import { EvidenceRefType } from '@/files/evidence-ref';
import { RegionType } from '@/regions/region.type';
import { User } from '@/users/user.entity';
import { InventoryFinding, InventoryStatus } from './inventory.enums';

@ObjectType('InventoryActor', { description: 'Who started, confirmed, signed off or closed.' })
export class InventoryActorType {
  @Field(() => ID)
  id!: string;

  @Field()
  username!: string;

  @Field()
  displayName!: string;

  @Field(() => Role)
  role!: Role;
}

@ObjectType('InventoryCounts', { description: 'Items of an inventory (those you may read) by state.' })
export class InventoryCountsType {
  @Field(() => Int, { description: 'Items on the checklist (应查).' })
  total!: number;

  @Field(() => Int, { description: 'Items with a finding (已确认).' })
  confirmed!: number;

  @Field(() => Int, { description: 'Items still to confirm (未确认).' })
  remaining!: number;

  @Field(() => Int)
  present!: number;

  @Field(() => Int)
  missing!: number;

  @Field(() => Int)
  damaged!: number;

  @Field(() => Int)
  statusDiffers!: number;
}

@ObjectType('InventorySignOff', {
  description:
    "A township's sign-off (乡镇签字确认) with the counts it signed for; its items can no longer be corrected.",
})
export class InventorySignOffType {
  @Field()
  townshipCode!: string;

  @Field(() => InventoryActorType)
  signedBy!: InventoryActorType;

  @Field()
  signedAt!: Date;

  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  present!: number;

  @Field(() => Int)
  missing!: number;

  @Field(() => Int)
  damaged!: number;

  @Field(() => Int)
  statusDiffers!: number;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType('InventoryTownshipProgress', {
  description: 'Progress of one township of an inventory (over the items you may read), and its sign-off.',
})
export class InventoryTownshipProgressType extends InventoryCountsType {
  @Field()
  townshipCode!: string;

  @Field(() => RegionType)
  township!: RegionType;

  @Field(() => InventorySignOffType, { nullable: true, description: 'Null until the township signs off.' })
  signOff!: InventorySignOffType | null;
}

@ObjectType('Inventory', {
  description:
    'An annual inventory (年度清查) of the district or of a township: a checklist of every non-disposed asset located in the region when it started. Village clerks confirm items, townships sign off, the district closes it.',
})
export class InventoryType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  year!: number;

  @Field({ description: 'The district or the township inventoried.' })
  regionCode!: string;

  @Field(() => InventoryStatus)
  status!: InventoryStatus;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "The district's conclusion when it closed the inventory.",
  })
  closingNote!: string | null;

  @Field(() => Int)
  version!: number;
}

@ObjectType('InventoryItem', {
  description:
    'One asset of an inventory: the asset as the register held it when the checklist was opened, and what was found.',
})
export class InventoryItemType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  inventoryId!: string;

  @Field(() => ID)
  assetId!: string;

  @Field({ description: 'Asset code when the checklist was opened.' })
  assetCode!: string;

  @Field({ description: 'Asset name when the checklist was opened.' })
  assetName!: string;

  @Field(() => AssetClass)
  assetClass!: AssetClass;

  @Field(() => AssetStatus, { description: 'The status the register held when the checklist was opened.' })
  assetStatus!: AssetStatus;

  @Field({ description: 'Village or township where the asset was when the checklist was opened.' })
  locationCode!: string;

  @Field(() => MoneyScalarType, { description: '原值 when the checklist was opened.' })
  formedValue!: Fen;

  @Field(() => InventoryFinding, { nullable: true, description: 'Null until confirmed.' })
  finding!: InventoryFinding | null;

  @Field(() => AssetStatus, {
    nullable: true,
    description: 'For STATUS_DIFFERS: the status found on the spot.',
  })
  observedStatus!: AssetStatus | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => [EvidenceRefType])
  evidence!: EvidenceRefType[];

  @Field(() => Date, { nullable: true })
  confirmedAt!: Date | null;

  @Field(() => Int, { description: 'Bumped by every confirmation or correction.' })
  version!: number;
}

/** A user as an inventory shows who confirmed or signed. */
export function toActor(user: User): InventoryActorType {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role };
}
