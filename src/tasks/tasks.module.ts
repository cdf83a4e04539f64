import { Module } from '@nestjs/common';
import { AssetsModule } from '@/assets/assets.module';
import { DisposalModule } from '@/disposal/disposal.module';
import { DistributionModule } from '@/distribution/distribution.module';
import { InventoryModule } from '@/inventory/inventory.module';
import { SupervisionModule } from '@/supervision/supervision.module';
import { TasksResolver } from './tasks.resolver';
import { TasksService } from './tasks.service';

/** The home page's to-do list (myTasks), read from the features that own each kind of task. */
@Module({
  imports: [AssetsModule, DistributionModule, DisposalModule, InventoryModule, SupervisionModule],
  providers: [TasksService, TasksResolver],
})
export class TasksModule {}
