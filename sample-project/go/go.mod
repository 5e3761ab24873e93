module example.com/turret-sample

go 1.19
