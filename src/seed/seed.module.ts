import { Module } from '@nestjs/common';
import { CategoriesModule } from '@/categories/categories.module';
import { RegionsModule } from '@/regions/regions.module';
import { UsersModule } from '@/users/users.module';
import { SeedService } from './seed.service';

@Module({
  imports: [RegionsModule, UsersModule, CategoriesModule],
  providers: [SeedService],
  exports: [SeedService],
})
export class SeedModule {}
